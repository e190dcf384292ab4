import { z } from 'zod';
import { OptionalPromptSchema } from '../common.schema';
import { defineNode } from '../define-node';

export const hangUpNode = defineNode({
  kind: 'hang-up',
  version: 1,
  config: z.object({ goodbye: OptionalPromptSchema }),
  ports: () => [],
  ui: {
    displayName: 'Hang up',
    category: 'end',
    icon: 'phone-off',
    description: 'End the call, optionally after a goodbye message.',
    summary: (config) => (config.goodbye ? 'Goodbye, then hang up' : 'Hang up'),
  },
});
