import { z } from 'zod';
import { EntityIdSchema, OptionalPromptSchema } from '../common.schema';
import { defineNode, port } from '../define-node';
import { E164Schema } from '../directory.schema';

export const voicemailNode = defineNode({
  kind: 'voicemail',
  version: 1,
  config: z.object({
    mailboxId: EntityIdSchema,
    greeting: OptionalPromptSchema.describe('Empty plays the mailbox’s own greeting'),
    beep: z.boolean().default(true),
    maxLengthSecs: z.number().int().min(5).max(600).nullable().default(null).describe('Empty uses the mailbox’s setting'),
    silenceTimeoutSecs: z.number().int().min(2).max(30).default(5).describe('Stop recording after this much silence'),
    transcribe: z.boolean().nullable().default(null).describe('Empty uses the mailbox’s setting'),
    notifyEmails: z.array(z.email()).max(20).default([]).describe('In addition to the mailbox’s recipients'),
    notifySms: z.array(E164Schema).max(20).default([]),
  }),
  waitsForCaller: true,
  ports: () => [port('next', 'After recording', false)],
  references: (config) => [{ type: 'mailbox', id: config.mailboxId, field: 'mailboxId' }],
  ui: {
    displayName: 'Voicemail',
    category: 'end',
    icon: 'voicemail',
    description: 'Play a greeting and record a message, with transcription and notifications.',
    summary: (config) => `Mailbox ${config.mailboxId}`,
  },
});
