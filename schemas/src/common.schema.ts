import { z } from 'zod';

/** Stable identifier of a node, edge or rule inside one flow document. */
export const ElementIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids use letters, digits, "-" and "_" (at most 64)');

/** Identifier of a stored entity (flow, schedule, queue, agent, ring group, mailbox). */
export const EntityIdSchema = z.string().min(1, 'choose one').max(128);

export const VariableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'variable names start with a letter or "_" and use letters, digits and "_"');

/** A key on the phone keypad. */
export const DigitSchema = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);
export type Digit = z.infer<typeof DigitSchema>;

/**
 * Text that may contain `{{ expression }}` placeholders, rendered when the node runs.
 * The `format` tells JSON Schema readers and the designer's inspector which editor to use.
 */
export const TemplateTextSchema = z.string().max(4096).meta({ format: 'callflow-template' });

/** A condition or value written in the flow expression language (never JavaScript). */
export const ExpressionSourceSchema = z
  .string()
  .min(1, 'write an expression')
  .max(4096)
  .meta({ format: 'callflow-expression' });

export const TtsPromptSchema = z.object({
  type: z.literal('tts'),
  text: TemplateTextSchema.min(1, 'write what to say'),
  voice: z.string().min(1).max(64).default('female').describe('Telnyx voice, e.g. "female", "male" or "Polly.Joanna"'),
  language: z.string().min(2).max(16).default('en-US').describe('BCP-47 language tag'),
});

export const AudioPromptSchema = z.object({
  type: z.literal('audio'),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL to an audio file' }),
});

/** What the caller hears: synthesised speech or an audio file. */
export const PromptSchema = z.discriminatedUnion('type', [TtsPromptSchema, AudioPromptSchema]);
export type Prompt = z.infer<typeof PromptSchema>;

export const OptionalPromptSchema = PromptSchema.nullable().default(null);
