import { z } from 'zod';
import { defineNode, port } from '../define-node';
import { E164Schema } from '../directory.schema';

export const entryNode = defineNode({
  kind: 'entry',
  version: 1,
  config: z.object({
    number: E164Schema.nullable().default(null).describe('The inbound number this flow answers, for display; numbers are assigned in settings'),
  }),
  acceptsInput: false,
  ports: () => [port('next', 'Start')],
  ui: {
    displayName: 'Incoming call',
    category: 'start',
    icon: 'phone-incoming',
    description: 'Where every call enters the flow. The call is answered here.',
    summary: (config) => config.number ?? 'Any assigned number',
  },
});
