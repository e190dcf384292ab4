// The API's internal HTTP endpoints that workers' activities call: the API owns the database, workers stay
// stateless. Every request carries the header below with the shared INTERNAL_API_TOKEN.
import type { CallOutcome, LookupRequest, LookupResult, TraceEvent } from '@callflow/engine';
import type { Agent, Queue } from '@callflow/schemas';

export const INTERNAL_TOKEN_HEADER = 'x-callflow-internal-token';

export const internalApiPaths = {
  /** POST LookupBody → LookupResponse: answers the interpreter's directory questions; round-robin memory is updated atomically. */
  lookups: '/api/internal/lookups',
  /** POST CallEventsBody → 204: appends trace events to the call's step record (and publishes them live). */
  callEvents: (callId: string) => `/api/internal/calls/${encodeURIComponent(callId)}/events`,
  /** POST CallEndedBody → 204. */
  callEnded: (callId: string) => `/api/internal/calls/${encodeURIComponent(callId)}/end`,
  /** POST VoicemailBody → VoicemailResponse: fetches the recording, stores it, transcribes, notifies. */
  voicemails: '/api/internal/voicemails',
  /** GET → QueueSnapshot: the queue and its members as they are now. */
  queue: (tenantId: string, queueId: string) =>
    `/api/internal/tenants/${encodeURIComponent(tenantId)}/queues/${encodeURIComponent(queueId)}`,
} as const;

export interface LookupBody {
  tenantId: string;
  request: LookupRequest;
  /** The instant of the question, epoch ms (from the workflow clock). */
  at: number;
  /** Randomness for random/weighted strategies, drawn by the workflow. */
  seed: number;
}
export interface LookupResponse {
  result: LookupResult;
}

export interface CallEventsBody {
  /** Position of the first event in the call's step record (from 1): a retried request stores nothing twice. */
  firstSeq: number;
  events: TraceEvent[];
}

export interface CallEndedBody {
  outcome: CallOutcome;
  endedAt: number;
}

export interface VoicemailBody {
  tenantId: string;
  callId: string;
  mailboxId: string;
  callerNumber: string;
  recordingUrl: string;
  durationSecs: number;
  transcribe: boolean;
  notifyEmails: string[];
  notifySms: string[];
}
export interface VoicemailResponse {
  voicemailId: string;
}

export interface QueueSnapshot {
  queue: Queue;
  agents: Agent[];
}
