import { z } from 'zod';
import { EntityIdSchema } from '../common.schema';
import { ExtensionSchema, PresenceSchema } from '../directory.schema';
import { CallOutcomeSchema, VoicemailSchema } from './calls.schema';

/*
 * The live socket (Socket.io at `/socket.io` on the API's port). The client connects with
 * `io(apiOrigin, { path: REALTIME_PATH, auth: { token: accessToken } })`; a missing, forged or expired token is
 * refused with a `connect_error` whose `data.code` is `unauthorized`. Supervisors and above receive their company's
 * calls, queues, presence and voicemails; a user linked to an agent receives that agent's ring offers and the voicemails
 * of the mailboxes it owns. Event names are versioned (`domain.event.v1`): a change that breaks a payload gets a new
 * name, and servers send the old one until clients move.
 */

export const REALTIME_PATH = '/socket.io';

const instant = z.iso.datetime();

// ── Server → client ─────────────────────────────────────────────────────────────────────────────────────────────

export const LiveNodeSchema = z.object({
  flowId: z.string(),
  id: z.string(),
  kind: z.string(),
  label: z.string(),
});
export type LiveNode = z.infer<typeof LiveNodeSchema>;

export const CallUpdatedSchema = z
  .object({
    callId: z.uuid(),
    status: z.enum(['running', 'ended']),
    caller: z.string().describe("The caller's number"),
    called: z.string().describe('The number dialled'),
    flow: z.object({
      id: z.uuid(),
      name: z.string().nullable().describe('null when the flow was deleted since'),
      versionId: z.uuid(),
      version: z.number().int().nullable(),
    }),
    currentNode: LiveNodeSchema.nullable().describe('The node the call is at now (where it ended, once ended)'),
    startedAt: instant,
    endedAt: instant.nullable(),
    outcome: CallOutcomeSchema.nullable(),
  })
  .describe('A call started, moved to another node, or ended');
export type CallUpdated = z.infer<typeof CallUpdatedSchema>;

export const LiveCallStepSchema = z
  .object({
    callId: z.uuid(),
    seq: z.number().int().min(1).describe("Position in the call's step record: a step delivered twice has the same seq"),
    step: z
      .looseObject({ at: z.number().int().describe('Epoch ms'), flowId: z.string(), node: z.string().nullable(), type: z.string() })
      .describe("One entry of the call's step record, as the engine traced it (node entered, digits, agents rung, outcome…)"),
  })
  .describe('Each step of the call log as it lands');
export type LiveCallStep = z.infer<typeof LiveCallStepSchema>;

export const QueueUpdatedSchema = z
  .object({
    queueId: EntityIdSchema,
    name: z.string().nullable().describe('null when the queue was deleted since'),
    waiting: z.array(z.object({ callId: z.uuid(), caller: z.string(), joinedAt: instant })).describe('Longest waiting first'),
    longestWaitSecs: z.number().int().nullable().describe('null when nobody waits'),
    at: instant.describe('When this was read: a client keeps the latest'),
  })
  .describe('Callers waiting in a queue, after one joined or left');
export type QueueUpdated = z.infer<typeof QueueUpdatedSchema>;

export const AgentRingSchema = z
  .object({
    offerId: z.string().describe('Answer with agent.accept / agent.decline; the same offer delivered twice has the same id'),
    callId: z.uuid(),
    agentId: EntityIdSchema,
    caller: z.string(),
    flow: z.object({ id: z.uuid(), name: z.string().nullable() }),
    queue: z.object({ id: EntityIdSchema, name: z.string().nullable() }).nullable().describe('Set when the offer comes from a queue'),
    waitingSince: instant.describe('Since when the caller waits: joining the queue, or the call starting'),
    offeredAt: instant,
    expiresAt: instant.describe('The phone stops ringing then'),
  })
  .describe('A call rings this agent');
export type AgentRing = z.infer<typeof AgentRingSchema>;

export const RING_CANCEL_REASONS = ['accepted', 'answered-elsewhere', 'declined', 'timeout', 'missed', 'caller-hung-up', 'withdrawn'] as const;
export type RingCancelReason = (typeof RING_CANCEL_REASONS)[number];
export const AgentRingCancelledSchema = z
  .object({
    offerId: z.string(),
    callId: z.uuid(),
    agentId: EntityIdSchema,
    reason: z
      .enum(RING_CANCEL_REASONS)
      .describe(
        'accepted: this agent answered; answered-elsewhere: another agent did; declined: the phone refused; timeout: nobody answered in time; ' +
          'missed: the leg failed; caller-hung-up; withdrawn: the flow moved on (queue timeout, callback…)',
      ),
  })
  .describe('An offer stopped ringing');
export type AgentRingCancelled = z.infer<typeof AgentRingCancelledSchema>;

export const AgentPresenceEventSchema = z
  .object({ agentId: EntityIdSchema, presence: PresenceSchema, at: instant })
  .describe("An agent's presence changed");
export type AgentPresenceEvent = z.infer<typeof AgentPresenceEventSchema>;

export const VoicemailCreatedSchema = VoicemailSchema.describe(
  "A voicemail was stored, unread, as GET /api/voicemails lists it: to the agent who owns the mailbox and to the company's supervisors",
);
export type VoicemailCreated = z.infer<typeof VoicemailCreatedSchema>;

export const LiveSnapshotSchema = z
  .object({
    calls: z.array(CallUpdatedSchema).describe('Running calls, longest running first'),
    queues: z.array(QueueUpdatedSchema).describe('The queues somebody waits in'),
  })
  .describe('What a live monitor shows when it opens (GET /api/live); every later change arrives over the socket');
export type LiveSnapshot = z.infer<typeof LiveSnapshotSchema>;

// ── Client → server (each with an acknowledgement) ──────────────────────────────────────────────────────────────

export const OfferReplySchema = z.strictObject({ offerId: z.string().min(1).max(300) });
export type OfferReply = z.infer<typeof OfferReplySchema>;

export const TransferBodySchema = z.strictObject({ offerId: OfferReplySchema.shape.offerId, extension: ExtensionSchema });
export type TransferBody = z.infer<typeof TransferBodySchema>;

export const PresenceSetSchema = z.strictObject({ presence: PresenceSchema });
export type PresenceSet = z.infer<typeof PresenceSetSchema>;

export const CallSubscriptionSchema = z.strictObject({ callId: z.uuid() });
export type CallSubscription = z.infer<typeof CallSubscriptionSchema>;

export const RealtimeAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({
    ok: z.literal(false),
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('Which fields were invalid'),
  }),
]);
export type RealtimeAck = z.infer<typeof RealtimeAckSchema>;

/** Every event name on the wire. */
export const REALTIME_EVENTS = {
  callUpdated: 'call.updated.v1',
  callStep: 'call.step.v1',
  queueUpdated: 'queue.updated.v1',
  agentRing: 'agent.ring.v1',
  agentRingCancelled: 'agent.ring.cancelled.v1',
  agentPresence: 'agent.presence.v1',
  voicemailCreated: 'voicemail.created.v1',
  agentAccept: 'agent.accept',
  agentDecline: 'agent.decline',
  agentHangup: 'agent.hangup',
  agentTransfer: 'agent.transfer',
  agentPresenceSet: 'agent.presence.set',
  callSubscribe: 'call.subscribe',
  callUnsubscribe: 'call.unsubscribe',
} as const;

type Ack = (ack: RealtimeAck) => void;

/** Typed Socket.io event maps: `Server<ClientToServerEvents, ServerToClientEvents>`, `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export interface ServerToClientEvents {
  'call.updated.v1': (payload: CallUpdated) => void;
  'call.step.v1': (payload: LiveCallStep) => void;
  'queue.updated.v1': (payload: QueueUpdated) => void;
  'agent.ring.v1': (payload: AgentRing) => void;
  'agent.ring.cancelled.v1': (payload: AgentRingCancelled) => void;
  'agent.presence.v1': (payload: AgentPresenceEvent) => void;
  'voicemail.created.v1': (payload: VoicemailCreated) => void;
}

export interface ClientToServerEvents {
  /** Answer an offer: in sandbox mode the agent's simulated phone answers; with Telnyx the browser answers over WebRTC. */
  'agent.accept': (body: OfferReply, ack: Ack) => void;
  /** Refuse an offer: the flow moves on as if the phone declined. */
  'agent.decline': (body: OfferReply, ack: Ack) => void;
  /** End the conversation an accepted offer started: in sandbox mode the agent's simulated phone hangs up; with Telnyx the browser does. */
  'agent.hangup': (body: OfferReply, ack: Ack) => void;
  /** Hand the caller of an accepted offer to an extension (blind transfer): the agent leaves, the extension rings. */
  'agent.transfer': (body: TransferBody, ack: Ack) => void;
  /** The caller's own agent presence (needs a user linked to an agent). */
  'agent.presence.set': (body: PresenceSet, ack: Ack) => void;
  /** Supervisors and above, or an agent the call was offered to: receive one call's events (a monitor page, the agent console). */
  'call.subscribe': (body: CallSubscription, ack: Ack) => void;
  'call.unsubscribe': (body: CallSubscription, ack: Ack) => void;
}
