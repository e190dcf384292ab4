import { z } from 'zod';
import { ExpressionSourceSchema, OptionalPromptSchema, PromptSchema, VariableNameSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const collectDigitsNode = defineNode({
  kind: 'collect-digits',
  version: 1,
  config: z
    .object({
      prompt: PromptSchema,
      variable: VariableNameSchema.describe('Flow variable that receives the digits'),
      minDigits: z.number().int().min(1).max(32).default(1),
      maxDigits: z.number().int().min(1).max(32).default(10),
      terminator: z.enum(['#', '*']).nullable().default('#').describe('Key that ends input early'),
      timeoutSecs: z.number().int().min(1).max(60).default(8),
      maxAttempts: z.number().int().min(1).max(10).default(3),
      validation: ExpressionSourceSchema.nullable()
        .default(null)
        .describe('Optional check on the digits (available as `vars.<variable>`); false means invalid input'),
      invalidPrompt: OptionalPromptSchema,
    })
    .refine((config) => config.maxDigits >= config.minDigits, {
      path: ['maxDigits'],
      message: 'maximum digits must be at least the minimum',
    }),
  waitsForCaller: true,
  ports: () => [port('next', 'Collected'), port('noMatch', 'Invalid input', false), port('timeout', 'No input', false)],
  ui: {
    displayName: 'Collect digits',
    category: 'prompts',
    icon: 'keypad',
    description: 'Ask the caller to type a number (account, order, extension) into a variable.',
    summary: (config) => `${config.minDigits}–${config.maxDigits} digits → ${config.variable}`,
  },
});
