import { z } from 'zod';
import { FlowDocumentSchema } from '../flow-document.schema';
import { IsoInstantSchema } from '../schedule.schema';

export const CALL_RESULTS = ['completed', 'abandoned', 'answered', 'transferred', 'voicemail', 'callback', 'failed'] as const;
export const CallResultSchema = z
  .enum(CALL_RESULTS)
  .describe('abandoned: the caller hung up before the flow finished; answered: an agent took the call; completed: the flow ended the call');
export type CallResult = z.infer<typeof CallResultSchema>;

export const CallOutcomeSchema = z.object({
  result: CallResultSchema,
  node: z.string().nullable().describe('The node the call ended on'),
  reason: z.string(),
});

/** Keyset paging: the `nextCursor` of the previous page (newest first). */
export const CursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected the nextCursor of a previous page')
  .describe('The nextCursor of the previous page');

/** Text a search matches exactly: no control characters (PostgreSQL text cannot hold NUL). */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');
const PhoneNumberFilterSchema = filterText(64);
const IdFilterSchema = filterText(128);

export const CallSearchQuerySchema = z
  .object({
    since: IsoInstantSchema.optional().describe('Calls that started at or after this instant'),
    until: IsoInstantSchema.optional().describe('Calls that started before this instant'),
    called: PhoneNumberFilterSchema.optional().describe('The number dialled (exact)'),
    caller: PhoneNumberFilterSchema.optional().describe("The caller's number (exact)"),
    flowId: z.uuid().optional(),
    flowVersionId: z.uuid().optional(),
    outcome: CallResultSchema.optional(),
    status: z.enum(['running', 'ended']).optional(),
    agentId: IdFilterSchema.optional().describe('Calls this agent was offered (rung) or answered'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: CursorSchema.optional(),
  })
  .refine((query) => query.since === undefined || query.until === undefined || Date.parse(query.since) < Date.parse(query.until), {
    message: 'since must be before until',
    path: ['until'],
  });
export type CallSearchQuery = z.infer<typeof CallSearchQuerySchema>;

export const CallSummarySchema = z.object({
  id: z.uuid(),
  from: z.string(),
  to: z.string(),
  flowId: z.uuid(),
  flowName: z.string().nullable().describe('null when the flow was deleted since'),
  flowVersionId: z.uuid(),
  flowVersionNumber: z.number().int().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  status: z.enum(['running', 'ended']),
  outcome: CallOutcomeSchema.nullable(),
  queueId: z.string().nullable().describe('The queue the caller waited in last, if any'),
  answeredAt: z.iso.datetime().nullable().describe('When an agent answered'),
  answeredByAgentId: z.string().nullable(),
  waitSecs: z.number().nullable().describe('From the first ring or queue join until an agent answered or the call ended'),
  handleSecs: z.number().nullable().describe('From the agent answering until the conversation ended'),
});
export type CallSummary = z.infer<typeof CallSummarySchema>;

export const CallPageSchema = z.object({
  calls: z.array(CallSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
});
export type CallPage = z.infer<typeof CallPageSchema>;

const eventBase = {
  at: z.iso.datetime(),
  offsetMs: z.number().int().describe('Milliseconds since the call started'),
  flowId: z.string(),
  node: z.string().nullable(),
};

/** What happened during a call, in the order it happened (the engine's trace events, timestamped). */
export const CallStepEventSchema = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('node.entered'), kind: z.string(), label: z.string() }),
  z.object({ ...eventBase, type: z.literal('node.exited'), port: z.string(), target: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('prompt.played'), text: z.string().nullable(), url: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('digits.received'), digits: z.string(), accepted: z.boolean() }),
  z.object({ ...eventBase, type: z.literal('input.timeout'), attempt: z.number().int() }),
  z.object({ ...eventBase, type: z.literal('variable.set'), name: z.string(), value: z.unknown() }),
  z.object({ ...eventBase, type: z.literal('schedule.checked'), state: z.string(), detail: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('http.completed'), ok: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('agents.skipped'), agents: z.array(z.object({ label: z.string(), reason: z.string() })) }),
  z.object({
    ...eventBase,
    type: z.literal('agents.rung'),
    targets: z.array(z.string()),
    legs: z.array(z.object({ legId: z.string(), agentId: z.string().nullable().describe('null: an outside number') })),
    timeoutSecs: z.number(),
  }),
  z.object({ ...eventBase, type: z.literal('agent.answered'), target: z.string(), agentId: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('agent.missed'), target: z.string(), cause: z.string(), agentId: z.string().nullable() }),
  z.object({ ...eventBase, type: z.literal('agent.transferred'), target: z.string(), agentId: z.string().nullable(), extension: z.string() }),
  z.object({ ...eventBase, type: z.literal('queue.joined'), queueId: z.string(), position: z.number().int(), expectedWaitSecs: z.number().nullable() }),
  z.object({ ...eventBase, type: z.literal('queue.position'), position: z.number().int(), expectedWaitSecs: z.number().nullable() }),
  z.object({
    ...eventBase,
    type: z.literal('queue.overflowed'),
    queueId: z.string(),
    reason: z.enum(['full', 'unknown-queue', 'max-wait']).describe('Why the caller left by the queue node\'s timeout port'),
  }),
  z.object({ ...eventBase, type: z.literal('transfer.completed'), destination: z.string(), answered: z.boolean() }),
  z.object({ ...eventBase, type: z.literal('recording.started') }),
  z.object({ ...eventBase, type: z.literal('recording.stopped') }),
  z.object({ ...eventBase, type: z.literal('voicemail.recorded'), durationSecs: z.number() }),
  z.object({ ...eventBase, type: z.literal('sms.sent'), to: z.string(), ok: z.boolean() }),
  z.object({ ...eventBase, type: z.literal('flow.switched'), toFlowId: z.string() }),
  z.object({ ...eventBase, type: z.literal('call.ended'), outcome: CallOutcomeSchema }),
]);
export type CallStepEvent = z.infer<typeof CallStepEventSchema>;

/** One visit of a node: when the call entered and left it, and everything that happened meanwhile. */
export const CallStepSchema = z.object({
  index: z.number().int().describe('Position in the call, from 0'),
  flowId: z.string(),
  node: z.string().nullable().describe('null for what happened before the first node'),
  kind: z.string().nullable(),
  label: z.string().nullable(),
  enteredAt: z.iso.datetime(),
  offsetMs: z.number().int().describe('Milliseconds since the call started'),
  durationMs: z.number().int().nullable().describe('Until the next node was entered or the call ended; null while the call runs'),
  exitPort: z.string().nullable().describe('The port the call left by; null when it ended here'),
  events: z.array(CallStepEventSchema),
  voicemailIds: z.array(z.uuid()).describe('Voicemails left at this step'),
});
export type CallStep = z.infer<typeof CallStepSchema>;

export const RecordingSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  startedAt: z.iso.datetime().nullable(),
  durationSecs: z.number().int(),
  contentType: z.string(),
  createdAt: z.iso.datetime(),
  audioUrl: z.string().nullable().describe('Where the audio streams from; null once the retention period deleted it'),
});
export type Recording = z.infer<typeof RecordingSchema>;

export const VoicemailSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  mailboxId: z.string(),
  callerNumber: z.string(),
  durationSecs: z.number().int(),
  transcription: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  audioUrl: z.string().nullable().describe('Where the audio streams from; null once the retention period deleted it'),
});
export type Voicemail = z.infer<typeof VoicemailSchema>;

export const CallDetailSchema = CallSummarySchema.extend({
  steps: z.array(CallStepSchema),
  recordings: z.array(RecordingSchema),
  voicemails: z.array(VoicemailSchema),
});
export type CallDetail = z.infer<typeof CallDetailSchema>;

export const CallReplaySchema = z.object({
  call: CallSummarySchema,
  flow: z.object({
    id: z.uuid(),
    name: z.string().nullable(),
    versionId: z.uuid(),
    versionNumber: z.number().int(),
    document: FlowDocumentSchema.describe('The exact version the call ran on'),
  }),
  source: z
    .enum(['temporal', 'archive', 'call-log'])
    .describe(
      "temporal: the workflow's history as Temporal keeps it, replayed; archive: the copy of that history kept in PostgreSQL, replayed; " +
        'call-log: the step record written during the call (a running call, or a history the current workflow code cannot replay)',
    ),
  steps: z.array(CallStepSchema),
  recordings: z.array(RecordingSchema),
  voicemails: z.array(VoicemailSchema),
});
export type CallReplay = z.infer<typeof CallReplaySchema>;

const pageQuery = { limit: z.coerce.number().int().min(1).max(200).default(50), cursor: CursorSchema.optional() };

export const RecordingQuerySchema = z.object({ callId: z.uuid().optional(), ...pageQuery });
export type RecordingQuery = z.infer<typeof RecordingQuerySchema>;

export const RecordingPageSchema = z.object({ recordings: z.array(RecordingSchema), nextCursor: z.string().nullable() });
export type RecordingPage = z.infer<typeof RecordingPageSchema>;

export const VoicemailQuerySchema = z.object({
  mailboxId: IdFilterSchema.optional(),
  unread: z.enum(['true', 'false']).transform((value) => value === 'true').optional().describe('true: only unread messages'),
  ...pageQuery,
});
export type VoicemailQuery = z.infer<typeof VoicemailQuerySchema>;

export const VoicemailPageSchema = z.object({ voicemails: z.array(VoicemailSchema), nextCursor: z.string().nullable() });
export type VoicemailPage = z.infer<typeof VoicemailPageSchema>;

export const RetentionSettingsSchema = z.object({
  audioRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(36500)
    .nullable()
    .describe('Recordings and voicemail audio older than this many days are deleted (the call records stay); null keeps audio forever'),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
