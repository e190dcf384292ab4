import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_KINDS } from '../src';
import {
  FLOW_DOCUMENT_JSON_SCHEMA_FILE,
  FLOW_DOCUMENT_JSON_SCHEMA_ID,
  flowDocumentJsonSchema,
  renderFlowDocumentJsonSchema,
} from '../scripts/flow-document-json-schema';

interface JsonSchemaNode {
  type?: string;
  const?: unknown;
  required?: string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
}

const schema = flowDocumentJsonSchema() as JsonSchemaNode & Record<string, unknown>;
const nodeVariants = schema.properties?.nodes?.items?.oneOf ?? [];
const configOf = (kind: string): JsonSchemaNode | undefined =>
  nodeVariants.find((variant) => variant.properties?.kind?.const === kind)?.properties?.config;

describe('flow document JSON Schema', () => {
  it('is committed as generated from FlowDocumentSchema', () => {
    const committed = readFileSync(join(__dirname, '..', FLOW_DOCUMENT_JSON_SCHEMA_FILE), 'utf8');
    if (committed !== renderFlowDocumentJsonSchema()) {
      throw new Error(
        `schemas/${FLOW_DOCUMENT_JSON_SCHEMA_FILE} is out of date with FlowDocumentSchema: ` +
          'run `npm run generate:json-schema -w schemas` and commit the result',
      );
    }
  });

  it('names itself', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: FLOW_DOCUMENT_JSON_SCHEMA_ID,
      title: expect.stringContaining('callflow.flow/v1'),
    });
  });

  it('has one node variant per node kind, told apart by kind', () => {
    expect(nodeVariants.map((variant) => variant.properties?.kind?.const)).toEqual(NODE_KINDS);
  });

  it('describes files as authors write them: fields with defaults are optional', () => {
    expect(schema.required).toEqual(['format', 'metadata', 'edges', 'nodes']);
    expect(schema.properties?.metadata?.required).toEqual(['name']);
    expect(nodeVariants[0]?.required).toEqual(['id', 'version', 'position', 'kind', 'config']);
    expect(configOf('menu')?.required).toEqual(['prompt', 'options']);
    expect(configOf('queue')?.required).toEqual(['queueId']);
    expect(configOf('entry')?.required).toBeUndefined();
  });
});
