import { z } from 'zod';
import { ElementIdSchema, VariableNameSchema } from './common.schema';
import { nodeCatalog, type NodeConfig, type NodeKind } from './nodes';

export const FLOW_FORMAT = 'callflow.flow/v1';

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const VariableValueSchema = z.union([z.string().max(4096), z.number().finite(), z.boolean()]);
export type VariableValue = z.infer<typeof VariableValueSchema>;

export const FlowVariableSchema = z.object({
  name: VariableNameSchema,
  type: z.enum(['string', 'number', 'boolean']).default('string'),
  initial: VariableValueSchema.nullable().default(null),
  description: z.string().max(500).default(''),
});
export type FlowVariable = z.infer<typeof FlowVariableSchema>;

// Source and target are only checked for shape here: validation reports ids that name no node, per edge.
export const FlowEdgeSchema = z.object({
  id: ElementIdSchema,
  source: z.string().min(1).max(64),
  sourcePort: z.string().min(1).max(64).describe('Name of the source node’s port the edge leaves from'),
  target: z.string().min(1).max(64),
});
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;

export const FlowMetadataSchema = z.object({
  name: z.string().min(1, 'name the flow').max(120),
  description: z.string().max(2000).default(''),
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .default('UTC')
    .describe('IANA time zone for time-of-day expressions (schedules carry their own)'),
  tags: z.array(z.string().min(1).max(40)).max(20).default([]),
});

const nodeFields = {
  id: ElementIdSchema,
  version: z.number().int().min(1).describe('Version of the node kind’s config format'),
  label: z.string().max(80).default(''),
  position: PositionSchema,
};

/** A node as stored, before its config is checked against its kind (used to report problems per node). */
export const FlowNodeEnvelopeSchema = z.object({
  ...nodeFields,
  kind: z.string().min(1).max(64),
  // Checked per kind afterwards; a plain object test here avoids copying every config twice.
  config: z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'expected an object',
  ),
});
export type FlowNodeEnvelope = z.infer<typeof FlowNodeEnvelopeSchema>;

const nodeVariants = Object.values(nodeCatalog).map((definition) =>
  z.object({ ...nodeFields, kind: z.literal(definition.kind), config: definition.config }),
);

export type FlowNode = {
  [K in NodeKind]: { id: string; kind: K; version: number; label: string; position: { x: number; y: number }; config: NodeConfig<K> };
}[NodeKind];

/** A node whose config matches its kind's current config schema (typed per kind: the union is built from the catalog). */
export const FlowNodeSchema = z.discriminatedUnion(
  'kind',
  nodeVariants as unknown as [(typeof nodeVariants)[number], ...(typeof nodeVariants)[number][]],
) as unknown as z.ZodType<FlowNode>;

const documentFields = {
  format: z.literal(FLOW_FORMAT),
  metadata: FlowMetadataSchema,
  variables: z.array(FlowVariableSchema).max(200).default([]),
  edges: z.array(FlowEdgeSchema).max(20000),
};

/** The flow file format: what the designer edits, the API stores and the compiler reads. */
export const FlowDocumentSchema = z.object({ ...documentFields, nodes: z.array(FlowNodeSchema).max(10000) });
export type FlowDocument = z.output<typeof FlowDocumentSchema>;

/** The document's structure with node configs unchecked: the first pass of validation. */
export const FlowDocumentEnvelopeSchema = z.object({ ...documentFields, nodes: z.array(FlowNodeEnvelopeSchema).max(10000) });
export type FlowDocumentEnvelope = z.output<typeof FlowDocumentEnvelopeSchema>;
