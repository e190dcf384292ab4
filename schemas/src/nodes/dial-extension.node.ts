import { z } from 'zod';
import { TemplateTextSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const dialExtensionNode = defineNode({
  kind: 'dial-extension',
  version: 1,
  config: z.object({
    extension: TemplateTextSchema.min(1, 'enter an extension').describe('Digits, or a template such as {{vars.extension}}'),
    ringTimeoutSecs: z.number().int().min(5).max(120).nullable().default(null).describe('Empty uses the agent’s setting'),
  }),
  waitsForCaller: true,
  ports: () => [
    port('answered', 'After the conversation', false),
    port('noAnswer', 'No answer or unavailable'),
    port('notFound', 'No such extension', false),
  ],
  ui: {
    displayName: 'Dial extension',
    category: 'routing',
    icon: 'phone-forwarded',
    description: 'Ring one agent by extension, honouring vacation, do-not-disturb and forwarding.',
    summary: (config) => `Ext. ${config.extension}`,
  },
});
