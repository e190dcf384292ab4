import { z } from 'zod';
import { ElementIdSchema, EntityIdSchema } from '../common.schema';
import { defineNode } from '../define-node';

export const goToNode = defineNode({
  kind: 'go-to',
  version: 1,
  config: z.object({
    target: z.discriminatedUnion('type', [
      z.object({ type: z.literal('node'), nodeId: ElementIdSchema }),
      z.object({ type: z.literal('flow'), flowId: EntityIdSchema.describe('The active version at call start is used for the rest of the call') }),
    ]),
  }),
  ports: () => [],
  references: (config) => (config.target.type === 'flow' ? [{ type: 'flow', id: config.target.flowId, field: 'target.flowId' }] : []),
  ui: {
    displayName: 'Go to',
    category: 'logic',
    icon: 'corner-down-right',
    description: 'Continue at another node of this flow, or hand the call to another flow.',
    summary: (config) => (config.target.type === 'node' ? `→ ${config.target.nodeId}` : `→ flow ${config.target.flowId}`),
  },
});
