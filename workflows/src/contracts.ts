// What the API and other clients need to talk to the workflows: names, message definitions and input
// types only. The API imports nothing else from this package.
import type { CallOutcome, RecordingKind, RunnableProgram } from '@callflow/engine';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** The task queue polled by call workers. */
export const CALLS_TASK_QUEUE = 'calls';

export const CALL_WORKFLOW_TYPE = 'callWorkflow';

/** One workflow per call, keyed by the carrier's call session (shared by all legs of the call). */
export const callWorkflowId = (callSessionId: string): string => `call-${callSessionId}`;

/** A call that outlives this is hung up: nobody stays on a flow for four hours. */
export const MAX_CALL_DURATION_MS = 4 * 60 * 60 * 1000;

/** Search attributes set on every call workflow (registered on the Temporal namespace as Keyword). */
export const CALL_SEARCH_ATTRIBUTES = {
  tenant: 'CallflowTenant',
  flow: 'CallflowFlow',
  flowVersion: 'CallflowFlowVersion',
  caller: 'CallflowCaller',
  called: 'CallflowCalled',
  outcome: 'CallflowOutcome',
} as const;

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);
/** Typed keys of the attributes above, for `typedSearchAttributes` and upserts. */
export const CALL_SEARCH_ATTRIBUTE_KEYS = {
  tenant: keyword(CALL_SEARCH_ATTRIBUTES.tenant),
  flow: keyword(CALL_SEARCH_ATTRIBUTES.flow),
  flowVersion: keyword(CALL_SEARCH_ATTRIBUTES.flowVersion),
  caller: keyword(CALL_SEARCH_ATTRIBUTES.caller),
  called: keyword(CALL_SEARCH_ATTRIBUTES.called),
  outcome: keyword(CALL_SEARCH_ATTRIBUTES.outcome),
} as const;

export interface CallWorkflowInput {
  tenantId: string;
  /** Our id of the call (the `calls` row the API created when the call arrived). */
  callId: string;
  callSessionId: string;
  /** The inbound leg. */
  callControlId: string;
  from: string;
  to: string;
  /** When the carrier saw the call arrive, epoch ms. */
  startedAt: number;
  flowId: string;
  flowVersionId: string;
  flowVersionNumber: number;
  /** The active version's program, with the sub-flows it may hand the call to, pinned for the whole call. */
  program: RunnableProgram;
}

/**
 * What legs the workflow creates carry as `client_state` (base64 of this JSON), so the API can route their
 * webhooks to the workflow. Kept tiny on purpose.
 */
export interface LegClientState {
  /** Workflow id. */
  w: string;
  /** The engine's leg id. */
  l: string;
  /** Set by the commands that start a recording on the caller's leg: which recording it is, echoed on its `call.recording.saved`. */
  r?: RecordingKind;
}

/** The `l` of the caller's own leg in `client_state` (set when the workflow answers); dialled legs have others. */
export const CALLER_LEG_ID = 'main';

/**
 * The `l` the API gives a call it rejects over MAX_ACTIVE_CALLS (`w` names the workflow it never started): the
 * events that follow, its hangup, reach no workflow.
 */
export const REJECTED_LEG_ID = 'rejected';

/**
 * The carrier event types the workflows act on, by leg: the caller's leg of `callWorkflow` (before it is answered
 * it has no `client_state`), and the legs a workflow dialled (agents, transfer targets, callback legs). The API
 * signals no other event: each signal costs workflow history and a workflow task, for nothing.
 */
export const CALLER_LEG_EVENT_TYPES = [
  'call.initiated',
  'call.answered',
  'call.hangup',
  'call.speak.ended',
  'call.playback.ended',
  'call.gather.ended',
  'call.dtmf.received',
  'call.recording.saved',
] as const;
export const DIALLED_LEG_EVENT_TYPES = ['call.answered', 'call.hangup', 'call.speak.ended'] as const;
export type CallerLegEventType = (typeof CALLER_LEG_EVENT_TYPES)[number];
export type DialledLegEventType = (typeof DIALLED_LEG_EVENT_TYPES)[number];

export function isCallerLegEventType(type: string): type is CallerLegEventType {
  return (CALLER_LEG_EVENT_TYPES as readonly string[]).includes(type);
}

export function isDialledLegEventType(type: string): type is DialledLegEventType {
  return (DIALLED_LEG_EVENT_TYPES as readonly string[]).includes(type);
}

/** Whether a workflow acts on an event of this type on the leg its `client_state` names (null: not ours, or none yet). */
export function isWorkflowCarrierEvent(type: string, clientState: LegClientState | null): boolean {
  if (clientState?.l === REJECTED_LEG_ID) return false;
  return clientState === null || clientState.l === CALLER_LEG_ID ? isCallerLegEventType(type) : isDialledLegEventType(type);
}

/** One carrier webhook, as the API hands it to the call's workflow (already verified and deduplicated). */
export interface CarrierEvent {
  /** The carrier's event id (`data.id`): the workflow ignores ids it has seen. */
  id: string;
  type: string;
  /** As the carrier wrote it (microseconds, UTC). */
  occurredAt: string;
  callControlId: string | null;
  callLegId: string | null;
  callSessionId: string | null;
  /** Decoded `client_state` when it is one of ours, else null. */
  clientState: LegClientState | null;
  payload: Record<string, unknown>;
}

export const carrierEventSignal = defineSignal<[CarrierEvent]>('carrierEvent');

/**
 * Temporal header the API puts on carrier-event signals: when it received the webhook (epoch ms, a JSON payload). The
 * worker measures the step latency from it to the carrier's acceptance of the next command.
 */
export const CARRIER_EVENT_RECEIVED_AT_HEADER = 'callflow-received-at';

/** The API → call workflow: an agent in conversation hands the caller to an extension (the API resolved its ring plan). */
export interface TransferRequest {
  /** The engine's leg id of the agent transferring (from their ring offer). */
  legId: string;
  extension: string;
  plan: import('@callflow/engine').DialPlan;
}
export const transferSignal = defineSignal<[TransferRequest]>('transfer');

export interface CallProgress {
  status: 'running' | 'ended';
  node: string | null;
  outcome: CallOutcome | null;
}
export const callProgressQuery = defineQuery<CallProgress>('callProgress');

// ── Queues: one long-lived entity workflow per queue holds the ordered waiting list ─────────────────────────

export const QUEUE_WORKFLOW_TYPE = 'queueWorkflow';
export const queueWorkflowId = (tenantId: string, queueId: string): string => `queue-${tenantId}-${queueId}`;

export interface QueueWorkflowInput {
  tenantId: string;
  queueId: string;
  /** Carried over continue-as-new. */
  carried?: QueueState;
}

/** Call workflow → queue workflow. */
export type QueueRequest =
  | {
      type: 'join';
      callWorkflowId: string;
      callerNumber: string;
      /** The number the caller dialled: callbacks show it as caller id. */
      calledNumber: string;
      overrides: import('@callflow/engine').QueueOverrides;
      /** Epoch ms. */
      at: number;
    }
  | { type: 'leave'; callWorkflowId: string; reason: 'answered' | 'timeout' | 'callback' | 'hangup'; at: number }
  | { type: 'offer-result'; callWorkflowId: string; assignmentId: string; result: 'connected' | 'missed'; at: number }
  | { type: 'callback'; callWorkflowId: string; number: string; calledNumber: string; at: number }
  /** The agent's conversation (or callback) is over; after wrap-up they can take the next caller. */
  | { type: 'release'; assignmentId: string; at: number };
export const queueRequestSignal = defineSignal<[QueueRequest]>('queueRequest');

/** Queue workflow → call workflow: exactly the engine's queue inputs (queue.joined, queue.position, …). */
export type QueueUpdate = Extract<
  import('@callflow/engine').EngineEvent,
  { type: 'queue.joined' | 'queue.rejected' | 'queue.position' | 'queue.agent-assigned' }
>;
export const queueUpdateSignal = defineSignal<[QueueUpdate]>('queueUpdate');

export interface QueueState {
  waiting: { callWorkflowId: string; callerNumber: string; joinedAt: number; position: number }[];
  callbacks: { number: string; calledNumber: string; requestedAt: number }[];
  /** Agents ringing for a waiting caller (or a callback). */
  offers: { assignmentId: string; callWorkflowId: string; agentId: string }[];
  /** Agents in a conversation from this queue (until null) or wrapping up. */
  busy: { assignmentId: string; agentId: string; until: number | null }[];
  missedBy: Record<string, string[]>;
  memory: import('@callflow/schemas').RoutingMemory;
  /** Waits of recently answered callers, seconds, newest last. */
  recentWaits: number[];
  assignmentSeq: number;
}

export const CALLBACK_WORKFLOW_TYPE = 'callbackWorkflow';

export interface CallbackWorkflowInput {
  tenantId: string;
  queueId: string;
  queueWorkflowId: string;
  assignmentId: string;
  /** The caller who asked to be called back. */
  number: string;
  /** The queue's number, shown to the caller. */
  callerId: string;
  agent: import('@callflow/engine').DialTarget;
  agentRingTimeoutSecs: number;
}
export const queueStateQuery = defineQuery<QueueState>('queueState');
