import { z } from 'zod';
import { TemplateTextSchema } from '../common.schema';
import { defineNode, port } from '../define-node';
import { E164Schema } from '../directory.schema';

export const sendSmsNode = defineNode({
  kind: 'send-sms',
  version: 1,
  config: z.object({
    to: TemplateTextSchema.min(1, 'enter a number or a template such as {{caller.number}}').default('{{caller.number}}'),
    from: E164Schema.nullable().default(null).describe('Empty sends from the number that was called'),
    text: TemplateTextSchema.min(1, 'write the message').max(1600),
  }),
  ports: () => [port('next', 'Sent'), port('error', 'Failed', false)],
  ui: {
    displayName: 'Send SMS',
    category: 'actions',
    icon: 'message',
    description: 'Text the caller (or anyone) a message, e.g. a link or a confirmation.',
    summary: (config) => config.text,
  },
});
