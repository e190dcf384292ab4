// Request bodies of the internal endpoints (contracts in workflows/src/internal-api.ts), checked at the boundary.
import type { CallOutcome, LookupRequest } from '@callflow/engine';
import { E164Schema, EntityIdSchema, RingTargetSchema } from '@callflow/schemas';
import type { CallEndedBody, CallEventsBody, LookupBody, VoicemailBody } from '@callflow/workflows';
import { z } from 'zod';

const ringTimeoutSecs = z.number().int().min(1).max(600).nullable();

export const LookupRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('schedule'), scheduleId: EntityIdSchema }),
  z.object({ type: z.literal('mailbox'), mailboxId: EntityIdSchema }),
  z.object({ type: z.literal('ring-plan'), target: RingTargetSchema, ringTimeoutSecs }),
  z.object({ type: z.literal('extension'), extension: z.string().min(1).max(16), ringTimeoutSecs }),
]) satisfies z.ZodType<LookupRequest>;

const epochMs = z.number().int().nonnegative();

export const LookupBodySchema = z.object({
  tenantId: z.uuid(),
  request: LookupRequestSchema,
  at: epochMs,
  seed: z.number().int(),
}) satisfies z.ZodType<LookupBody>;

/** The fields every trace event has; the rest is kept as sent (the engine's TraceEvent union owns it). */
const TraceEventEnvelopeSchema = z.looseObject({
  at: epochMs,
  flowId: z.string().min(1),
  node: z.string().nullable(),
  type: z.string().min(1).max(64),
});

export const CallEventsBodySchema = z.object({ firstSeq: z.number().int().min(1), events: z.array(TraceEventEnvelopeSchema).max(1000) });
// The envelope check is as far as the API looks into a TraceEvent.
export const parseCallEventsBody = (body: unknown): CallEventsBody => CallEventsBodySchema.parse(body) as CallEventsBody;

export const CallOutcomeSchema = z.object({
  result: z.enum(['completed', 'abandoned', 'answered', 'transferred', 'voicemail', 'callback', 'failed']),
  node: z.string().nullable(),
  reason: z.string().max(2000),
}) satisfies z.ZodType<CallOutcome>;

export const CallEndedBodySchema = z.object({ outcome: CallOutcomeSchema, endedAt: epochMs }) satisfies z.ZodType<CallEndedBody>;

export const VoicemailBodySchema = z.object({
  tenantId: z.uuid(),
  callId: z.uuid(),
  mailboxId: EntityIdSchema,
  callerNumber: z.string().max(256),
  recordingUrl: z.url({ protocol: /^https?$/ }),
  durationSecs: z.number().nonnegative().max(24 * 3600),
  transcribe: z.boolean(),
  notifyEmails: z.array(z.email()).max(50),
  notifySms: z.array(E164Schema).max(50),
}) satisfies z.ZodType<VoicemailBody>;
