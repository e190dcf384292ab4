import { z } from 'zod';
import { DigitSchema, OptionalPromptSchema, PromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const MenuOptionSchema = z.object({
  digit: DigitSchema,
  label: z.string().min(1, 'name the option').max(80),
});

export const menuNode = defineNode({
  kind: 'menu',
  version: 1,
  config: z
    .object({
      prompt: PromptSchema,
      options: z.array(MenuOptionSchema).min(1, 'add at least one option').max(12),
      timeoutSecs: z.number().int().min(1).max(60).default(5).describe('Seconds to wait for a key after the prompt'),
      maxAttempts: z.number().int().min(1).max(10).default(3).describe('Times the prompt is played before giving up'),
      invalidPrompt: OptionalPromptSchema.describe('Played after a key that is not an option'),
      timeoutPrompt: OptionalPromptSchema.describe('Played when no key was pressed'),
    })
    .superRefine((config, ctx) => {
      const seen = new Set<string>();
      config.options.forEach((option, index) => {
        if (seen.has(option.digit)) {
          ctx.addIssue({ code: 'custom', path: ['options', index, 'digit'], message: `key ${option.digit} is used twice` });
        }
        seen.add(option.digit);
      });
    }),
  waitsForCaller: true,
  ports: (config) => [
    ...config.options.map((option) => port(option.digit, `${option.digit} · ${option.label}`)),
    port('noMatch', 'Invalid input', false),
    port('timeout', 'No input', false),
  ],
  ui: {
    displayName: 'Menu',
    category: 'prompts',
    icon: 'grid',
    description: 'Play a prompt and branch on the key the caller presses, with retries.',
    summary: (config) => config.options.map((option) => `${option.digit} ${option.label}`).join(' · '),
  },
});
