import { z } from 'zod';
import { ElementIdSchema, EntityIdSchema } from './common.schema';
import { VariableValueSchema } from './flow-document.schema';
import { nodeCatalog, type NodeConfig, type NodeKind } from './nodes';

/** Bumped whenever a change to programs would make an older interpreter misread them. */
export const IR_VERSION = 1;

/** Where a port leads: the next step, or null when the port is unconnected (the call hangs up). */
export const StepTargetSchema = ElementIdSchema.nullable();

const stepVariants = Object.values(nodeCatalog).map((definition) =>
  z.object({
    kind: z.literal(definition.kind),
    node: ElementIdSchema,
    label: z.string(),
    config: definition.config,
    exits: z.record(z.string(), StepTargetSchema),
  }),
);

/** One executable step: the node's checked config and, per port, the step it leads to. */
export type ProgramStep = {
  [K in NodeKind]: { kind: K; node: string; label: string; config: NodeConfig<K>; exits: Record<string, string | null> };
}[NodeKind];

export const ProgramStepSchema = z.discriminatedUnion(
  'kind',
  stepVariants as unknown as [(typeof stepVariants)[number], ...(typeof stepVariants)[number][]],
) as unknown as z.ZodType<ProgramStep>;

export const ProgramReferenceSchema = z.object({
  type: z.enum(['schedule', 'queue', 'agent', 'ring-group', 'mailbox', 'flow']),
  id: EntityIdSchema,
});

export const ProgramSchema = z.object({
  irVersion: z.literal(IR_VERSION),
  flowId: EntityIdSchema,
  name: z.string(),
  timeZone: z.string(),
  entry: ElementIdSchema,
  variables: z.record(z.string(), VariableValueSchema.nullable()),
  steps: z.record(ElementIdSchema, ProgramStepSchema),
  references: z.array(ProgramReferenceSchema),
});
export type Program = z.output<typeof ProgramSchema>;
