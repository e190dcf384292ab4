import { z } from 'zod';
import { EntityIdSchema, OptionalPromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';
import { RoutingStrategySchema } from '../directory.schema';

export const RingTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group'), ringGroupId: EntityIdSchema }),
  z.object({
    type: z.literal('agents'),
    agentIds: z.array(EntityIdSchema).min(1, 'add at least one agent').max(50),
    strategy: RoutingStrategySchema.default('simultaneous'),
  }),
]);
export type RingTarget = z.infer<typeof RingTargetSchema>;

export const ringGroupNode = defineNode({
  kind: 'ring-group',
  version: 1,
  config: z.object({
    target: RingTargetSchema,
    ringTimeoutSecs: z
      .number()
      .int()
      .min(5)
      .max(300)
      .nullable()
      .default(null)
      .describe('Seconds before giving up on all members; empty uses the group’s setting'),
    announce: OptionalPromptSchema.describe('Played to the caller before ringing'),
  }),
  waitsForCaller: true,
  ports: () => [port('answered', 'After the conversation', false), port('noAnswer', 'No answer')],
  references: (config) =>
    config.target.type === 'group'
      ? [{ type: 'ring-group', id: config.target.ringGroupId, field: 'target.ringGroupId' }]
      : config.target.agentIds.map((id, index) => ({ type: 'agent' as const, id, field: `target.agentIds.${index}` })),
  ui: {
    displayName: 'Ring group',
    category: 'routing',
    icon: 'users',
    description: 'Ring agents (all at once, in order, round-robin, longest idle, by skills…) and connect the first to answer.',
    summary: (config) =>
      config.target.type === 'group' ? `Group ${config.target.ringGroupId}` : `${config.target.agentIds.length} agents, ${config.target.strategy}`,
  },
});
