import { z } from 'zod';
import { TemplateTextSchema } from '../common.schema';
import { defineNode, port } from '../define-node';
import { E164Schema } from '../directory.schema';

export const transferNode = defineNode({
  kind: 'transfer',
  version: 1,
  config: z.object({
    destination: TemplateTextSchema.min(1, 'enter a number or SIP URI').describe('E.164 number (+15551234567) or sip: URI'),
    callerId: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('caller') }),
        z.object({ type: z.literal('called') }),
        z.object({ type: z.literal('number'), number: E164Schema }),
      ])
      .default({ type: 'caller' })
      .describe('Number shown to the destination'),
    timeoutSecs: z.number().int().min(5).max(120).default(30),
  }),
  waitsForCaller: true,
  ports: () => [port('noAnswer', 'No answer or failed')],
  ui: {
    displayName: 'Transfer',
    category: 'routing',
    icon: 'arrow-right-left',
    description: 'Hand the call to an outside number or SIP address.',
    summary: (config) => config.destination,
  },
});
