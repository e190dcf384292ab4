import { z } from 'zod';
import { AudioPromptSchema, DigitSchema, EntityIdSchema, OptionalPromptSchema, PromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';

export const CallbackOfferSchema = z.object({
  digit: DigitSchema.default('1'),
  prompt: PromptSchema.describe('Offer, e.g. “Press 1 to be called back when an agent is free”'),
});

export const queueNode = defineNode({
  kind: 'queue',
  version: 1,
  config: z.object({
    queueId: EntityIdSchema,
    entryPrompt: OptionalPromptSchema,
    holdAudio: AudioPromptSchema.nullable()
      .default(null)
      .describe('Looped while waiting; empty uses the queue’s hold audio, or the default hold music if the queue has none'),
    announcePosition: z.boolean().nullable().default(null).describe('Empty uses the queue’s setting'),
    announceExpectedWait: z.boolean().nullable().default(null).describe('Empty uses the queue’s setting'),
    announceIntervalSecs: z.number().int().min(15).max(600).nullable().default(null).describe('Empty uses the queue’s setting'),
    maxWaitSecs: z
      .number()
      .int()
      .min(10)
      .max(7200)
      .nullable()
      .default(null)
      .describe('Empty uses the queue’s setting; callers waiting longer leave through the timeout port'),
    callback: CallbackOfferSchema.nullable().default(null),
  }),
  waitsForCaller: true,
  ports: (config) => [
    port('answered', 'After the conversation', false),
    port('timeout', 'Overflow: max wait reached or queue full'),
    ...(config.callback ? [port('callback', 'Callback requested', false)] : []),
  ],
  references: (config) => [{ type: 'queue', id: config.queueId, field: 'queueId' }],
  ui: {
    displayName: 'Queue',
    category: 'routing',
    icon: 'list-ordered',
    description:
      'Hold the caller in a queue with music and announcements until an agent is free. Overflow (the queue is full, or the caller ' +
      'waited the longest wait) leaves through the timeout port: connect it to another queue, voicemail…',
    summary: (config) => `Queue ${config.queueId}${config.callback ? ' · callback' : ''}`,
  },
});
