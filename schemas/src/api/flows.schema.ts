import { z } from 'zod';
import { FlowDocumentEnvelopeSchema, FlowVariableSchema, PositionSchema } from '../flow-document.schema';
import { ProgramSchema } from '../program.schema';
import { UNSTORABLE_TEXT_MESSAGE, isStorableText, unstorablePath } from './storable-text';

export const FlowNameSchema = z.string().trim().min(1, 'name the flow').max(120).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/**
 * A draft as the designer saves it: the flow file's structure, with node configs not yet checked against their kind
 * (a node dropped from the palette starts blank). Publishing validates the configs.
 */
export const DraftDocumentSchema = FlowDocumentEnvelopeSchema.superRefine((document, context) => {
  const path = unstorablePath(document);
  if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
});
export type DraftDocument = z.output<typeof DraftDocumentSchema>;

/** Revisions and version numbers are stored as PostgreSQL integers. */
const MAX_COUNTER = 2_147_483_647;
const RevisionSchema = z.number().int().min(1).max(MAX_COUNTER).describe('Draft revision: +1 on every save');
const VersionNumberSchema = z.number().int().min(1).max(MAX_COUNTER).describe('Published version number: 1, 2, 3…');

export const CreateFlowBodySchema = z.object({
  name: FlowNameSchema,
  document: DraftDocumentSchema.optional().describe('The initial draft; a starter flow (entry → hang up) when absent'),
});
export type CreateFlowBody = z.infer<typeof CreateFlowBodySchema>;

export const SaveDraftBodySchema = z.object({
  revision: RevisionSchema.describe('The revision the document was loaded at; a newer one on the server answers 409'),
  document: DraftDocumentSchema,
});
export type SaveDraftBody = z.infer<typeof SaveDraftBodySchema>;

export const SavedDraftSchema = z.object({ revision: RevisionSchema.describe('The new revision: send it with the next save') });
export type SavedDraft = z.infer<typeof SavedDraftSchema>;

export const RenameFlowBodySchema = z.object({ name: FlowNameSchema });
export type RenameFlowBody = z.infer<typeof RenameFlowBodySchema>;

export const DuplicateFlowBodySchema = z.object({ name: FlowNameSchema.optional().describe('Default: "Copy of <name>"') });
export type DuplicateFlowBody = z.infer<typeof DuplicateFlowBodySchema>;

export const PublishFlowBodySchema = z.object({
  notes: z.string().trim().max(2000).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).default('').describe('What changed, shown in the version list'),
  revision: RevisionSchema.optional().describe('The draft revision being published; a newer draft on the server answers 409'),
});
export type PublishFlowBody = z.infer<typeof PublishFlowBodySchema>;

export const RollbackFlowBodySchema = z.object({ version: VersionNumberSchema.describe('The version to make active') });
export type RollbackFlowBody = z.infer<typeof RollbackFlowBodySchema>;

export const ExportFlowQuerySchema = z.object({
  version: z.coerce.number().int().min(1).max(MAX_COUNTER).optional().describe('Export this published version instead of the draft'),
});
export type ExportFlowQuery = z.infer<typeof ExportFlowQuerySchema>;

export const ActiveVersionSchema = z.object({ id: z.uuid(), number: VersionNumberSchema, publishedAt: z.iso.datetime() });
export type ActiveVersion = z.infer<typeof ActiveVersionSchema>;

export const FlowSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  draftRevision: RevisionSchema,
  activeVersion: ActiveVersionSchema.nullable().describe('What calls to its numbers run; null until published'),
  numbers: z.array(z.string()).describe('Phone numbers assigned to the flow (E.164)'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FlowSummary = z.infer<typeof FlowSummarySchema>;

export const FlowDetailSchema = FlowSummarySchema.extend({ draft: DraftDocumentSchema });
export type FlowDetail = z.infer<typeof FlowDetailSchema>;

export const FlowDiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string().describe('One per check, e.g. required-port-unconnected, unknown-reference'),
  message: z.string(),
  nodeId: z.string().optional(),
  port: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional().describe('Dotted path inside the node config (or the document)'),
});
export type FlowDiagnostic = z.infer<typeof FlowDiagnosticSchema>;

export const DraftValidationSchema = z.object({
  revision: RevisionSchema.describe('The draft revision that was checked'),
  ok: z.boolean().describe('True when nothing stops publishing'),
  diagnostics: z.array(FlowDiagnosticSchema).describe('Errors first, then warnings and hints; against the tenant’s directory and flows'),
});
export type DraftValidation = z.infer<typeof DraftValidationSchema>;

/** The 422 answer to publishing a draft with errors. */
export const PublishRefusalSchema = z.object({
  statusCode: z.literal(422),
  error: z.string(),
  message: z.string(),
  diagnostics: z.array(FlowDiagnosticSchema),
});
export type PublishRefusal = z.infer<typeof PublishRefusalSchema>;

export const FlowVersionSummarySchema = z.object({
  id: z.uuid(),
  number: VersionNumberSchema,
  notes: z.string(),
  publishedBy: z.object({ userId: z.uuid(), name: z.string() }).nullable().describe('null when published by the system (seeding) or the user was removed'),
  publishedAt: z.iso.datetime(),
  active: z.boolean(),
});
export type FlowVersionSummary = z.infer<typeof FlowVersionSummarySchema>;

export const FlowVersionSchema = FlowVersionSummarySchema.extend({ document: DraftDocumentSchema, program: ProgramSchema });
export type FlowVersion = z.infer<typeof FlowVersionSchema>;

export const PublishedFlowVersionSchema = FlowVersionSummarySchema.extend({
  diagnostics: z.array(FlowDiagnosticSchema).describe('Warnings and hints of the compile (errors refuse the publish)'),
});
export type PublishedFlowVersion = z.infer<typeof PublishedFlowVersionSchema>;

// Structural diff of two flow documents (engine `diffFlows`).

export const FieldChangeSchema = z.object({
  path: z.string().describe('Dotted path, e.g. "label", "config.prompt.text", "config.options.2", "metadata.name"'),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional().describe('Absent when added'),
  after: z.unknown().optional().describe('Absent when removed'),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const DiffNodeSchema = z.object({ id: z.string(), kind: z.string(), label: z.string() });
export type DiffNode = z.infer<typeof DiffNodeSchema>;

export const NodeChangeSchema = DiffNodeSchema.extend({
  changes: z.array(FieldChangeSchema).describe('Kind, version, label and config fields (positions are under `moved`)'),
});
export type NodeChange = z.infer<typeof NodeChangeSchema>;

export const NodeMoveSchema = DiffNodeSchema.extend({ from: PositionSchema, to: PositionSchema });
export type NodeMove = z.infer<typeof NodeMoveSchema>;

export const DiffEdgeSchema = z.object({
  id: z.string().describe('The edge’s id in the document it is in (before for removed, after for added)'),
  source: z.string(),
  sourcePort: z.string(),
  target: z.string(),
});
export type DiffEdge = z.infer<typeof DiffEdgeSchema>;

export const VariableChangeSchema = z.object({ name: z.string(), changes: z.array(FieldChangeSchema) });
export type VariableChange = z.infer<typeof VariableChangeSchema>;

export const FlowDiffSchema = z.object({
  hasChanges: z.boolean().describe('True when anything but node positions differs'),
  metadata: z.array(FieldChangeSchema),
  variables: z.object({
    added: z.array(FlowVariableSchema),
    removed: z.array(FlowVariableSchema),
    changed: z.array(VariableChangeSchema),
  }),
  nodes: z.object({
    added: z.array(DiffNodeSchema),
    removed: z.array(DiffNodeSchema),
    changed: z.array(NodeChangeSchema),
    moved: z.array(NodeMoveSchema).describe('Position changes only: not a change of behaviour'),
  }),
  edges: z.object({
    added: z.array(DiffEdgeSchema).describe('Connections (source, port, target) only in the newer document'),
    removed: z.array(DiffEdgeSchema),
  }),
});
export type FlowDiff = z.infer<typeof FlowDiffSchema>;

export const DiffSideSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('version'), number: VersionNumberSchema }),
  z.object({ kind: z.literal('draft'), revision: RevisionSchema }),
  z.object({ kind: z.literal('empty') }).describe('Nothing published yet: everything in the draft is new'),
]);
export type DiffSide = z.infer<typeof DiffSideSchema>;

export const FlowDiffResponseSchema = z.object({ from: DiffSideSchema, to: DiffSideSchema, diff: FlowDiffSchema });
export type FlowDiffResponse = z.infer<typeof FlowDiffResponseSchema>;
