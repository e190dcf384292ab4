import { z } from 'zod';
import { FLOW_FORMAT, FlowDocumentSchema } from '../src';

export const FLOW_DOCUMENT_JSON_SCHEMA_FILE = 'flow-document.schema.json';
export const FLOW_DOCUMENT_JSON_SCHEMA_ID = 'urn:callflow:schema:flow-document:v1';

/**
 * The flow file format (`FlowDocumentSchema`) as JSON Schema (draft 2020-12), as a document author writes it:
 * fields with defaults are optional. It describes structure only; what zod checks in code (refinements such as
 * duplicate menu keys) and what `validateFlow` checks (the graph) are not expressible here.
 */
export function flowDocumentJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(FlowDocumentSchema, {
    io: 'input',
    target: 'draft-2020-12',
    // A part zod cannot express (a transform, a custom type) becomes `{}` instead of failing the whole file.
    unrepresentable: 'any',
  });
  return {
    $schema,
    $id: FLOW_DOCUMENT_JSON_SCHEMA_ID,
    title: `Callflow flow document (${FLOW_FORMAT})`,
    description:
      'A call flow: nodes with their configs, the edges between their ports, and flow variables. Structure only: ' +
      'the designer and the API also check unique ids, edges and ports, and rules such as distinct menu keys.',
    ...schema,
  };
}

/** The committed file's exact text. */
export function renderFlowDocumentJsonSchema(): string {
  return `${JSON.stringify(flowDocumentJsonSchema(), null, 2)}\n`;
}
