import { z } from 'zod';
import { PromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const playNode = defineNode({
  kind: 'play',
  version: 1,
  config: z.object({ prompt: PromptSchema }),
  waitsForCaller: true,
  ports: () => [port('next', 'Next')],
  ui: {
    displayName: 'Play / Say',
    category: 'prompts',
    icon: 'volume',
    description: 'Speak text to the caller or play an audio file.',
    summary: ({ prompt }) => (prompt.type === 'tts' ? `“${prompt.text}”` : prompt.url),
  },
});
