import { z } from 'zod';
import { OptionalPromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const recordNode = defineNode({
  kind: 'record',
  version: 1,
  config: z.discriminatedUnion('action', [
    z.object({
      action: z.literal('start'),
      consentPrompt: OptionalPromptSchema.describe('e.g. “This call may be recorded for quality purposes”'),
      channels: z.enum(['single', 'dual']).default('single'),
      format: z.enum(['mp3', 'wav']).default('mp3'),
    }),
    z.object({ action: z.literal('stop') }),
  ]),
  ports: () => [port('next', 'Next')],
  ui: {
    displayName: 'Record',
    category: 'actions',
    icon: 'record',
    description: 'Start recording the call (with a consent announcement) or stop recording.',
    summary: (config) => (config.action === 'start' ? 'Start recording' : 'Stop recording'),
  },
});
