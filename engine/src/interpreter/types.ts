import type { AgentEndpoint, Mailbox, NodeKind, Program, RingTarget, Schedule } from '@callflow/schemas';
import type { ExprValue } from '../expressions';

/** A compiled flow plus the sub-flows it may hand calls to, pinned when the call starts. */
export type RunnableProgram = Program & { subflows?: Readonly<Record<string, Program>> };

export interface CallInfo {
  callId: string;
  from: string;
  to: string;
  startedAt: number;
}

/** What the caller hears, with templates already rendered. */
export type RenderedPrompt =
  | { type: 'tts'; text: string; voice: string; language: string }
  | { type: 'audio'; url: string };

/** One phone to ring: an agent's endpoint, or an outside number an agent forwards to. */
export interface DialTarget {
  label: string;
  agentId: string | null;
  address: AgentEndpoint | { type: 'number'; number: string };
}

/** Ring attempts in order; each rings its targets at once until one answers or the timeout passes. */
export interface DialPlan {
  attempts: { targets: DialTarget[]; timeoutSecs: number }[];
  /** Who was left out and why (do-not-disturb, vacation, offline…), for the trace. */
  skipped: { label: string; reason: string }[];
}

/** How a queue treats one waiting caller: the queue's settings with the node's overrides applied. */
export interface QueueSettings {
  maxWaitSecs: number;
  announcePosition: boolean;
  announceExpectedWait: boolean;
  announceIntervalSecs: number;
  /** The queue's own hold audio; null = the default hold music. A Queue node that names hold audio plays its own instead. */
  holdAudioUrl: string | null;
}
export type QueueOverrides = { [K in Exclude<keyof QueueSettings, 'holdAudioUrl'>]: QueueSettings[K] | null };

export type LookupRequest =
  | { type: 'schedule'; scheduleId: string }
  | { type: 'ring-plan'; target: RingTarget; ringTimeoutSecs: number | null }
  | { type: 'extension'; extension: string; ringTimeoutSecs: number | null }
  | { type: 'mailbox'; mailboxId: string };

export type LookupResult =
  | { type: 'schedule'; schedule: Schedule | null }
  | { type: 'ring-plan'; plan: DialPlan }
  | { type: 'extension'; found: boolean; plan: DialPlan }
  | { type: 'mailbox'; mailbox: Mailbox | null };

export type HttpResponse = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/** Everything that can happen to a call, as the host reports it. */
export type EngineEvent =
  | { type: 'call.started'; call: { callId: string; from: string; to: string } }
  | { type: 'call.answered' }
  | { type: 'call.hangup'; cause: string }
  /** The host cannot carry the call on (a carrier command or a look-up failed past its retries). */
  | { type: 'call.failed'; reason: string }
  | { type: 'prompt.ended'; promptId: string; status: 'completed' | 'failed' }
  | { type: 'gather.ended'; gatherId: string; digits: string; status: 'valid' | 'invalid' | 'timeout' | 'failed' }
  | { type: 'dtmf'; digit: string }
  | { type: 'timer.fired'; timerId: string }
  | { type: 'lookup.completed'; requestId: string; result: LookupResult }
  | { type: 'http.completed'; requestId: string; response: HttpResponse }
  | { type: 'sms.completed'; requestId: string; ok: boolean; error?: string }
  | { type: 'leg.answered'; legId: string }
  /** The carrier bridged the caller to this (answered) leg: the two are in conversation. */
  | { type: 'leg.bridged'; legId: string }
  | { type: 'leg.ended'; legId: string; cause: string }
  | { type: 'transfer.completed'; answered: boolean; cause: string }
  /** The agent in conversation on `legId` hands the caller to an extension (blind transfer): their leg hangs up, `plan` rings. */
  | { type: 'transfer.requested'; legId: string; extension: string; plan: DialPlan }
  | { type: 'queue.joined'; position: number; expectedWaitSecs: number | null; settings: QueueSettings }
  | { type: 'queue.rejected'; reason: 'full' | 'unknown-queue' }
  | { type: 'queue.position'; position: number; expectedWaitSecs: number | null }
  | { type: 'queue.agent-assigned'; assignmentId: string; target: DialTarget; timeoutSecs: number }
  /** `recording`: which one it is, the record node's call recording or a voicemail message (both come from the caller's leg). */
  | { type: 'recording.saved'; recording: RecordingKind; url: string; durationSecs: number };
/** The recordings the engine starts: a record node's call recording and a voicemail node's message. */
export type RecordingKind = 'call' | 'voicemail';
/** An event with the instant it happened, epoch milliseconds. */
export type EngineInput = { at: number } & EngineEvent;
export type EngineInputType = EngineInput['type'];
export type InputOf<T extends EngineInputType> = Extract<EngineInput, { type: T }>;

/** What the host must do. Ids are deterministic per call, so hosts can derive idempotency keys from them. */
export type Command =
  | { type: 'answer' }
  | { type: 'play'; promptId: string; prompt: RenderedPrompt }
  | { type: 'start-hold-music'; url: string | null }
  | { type: 'stop-playback' }
  | {
      type: 'gather';
      gatherId: string;
      prompt: RenderedPrompt;
      validDigits: string;
      minDigits: number;
      maxDigits: number;
      terminator: string | null;
      timeoutSecs: number;
    }
  | { type: 'start-timer'; timerId: string; seconds: number }
  | { type: 'cancel-timer'; timerId: string }
  | { type: 'lookup'; requestId: string; request: LookupRequest }
  | {
      type: 'http-request';
      requestId: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string | null;
      timeoutSecs: number;
    }
  | { type: 'dial'; legId: string; target: DialTarget; timeoutSecs: number; callerNumber: string }
  | { type: 'hangup-leg'; legId: string }
  | { type: 'bridge'; legId: string }
  | { type: 'transfer'; destination: string; callerId: string; timeoutSecs: number }
  | { type: 'enqueue'; queueId: string; overrides: QueueOverrides; callerNumber: string }
  | { type: 'leave-queue'; queueId: string; reason: 'answered' | 'timeout' | 'callback' | 'hangup' }
  | { type: 'report-queue-offer'; queueId: string; assignmentId: string; result: 'connected' | 'missed' }
  /** The conversation with a queue's agent is over: the agent can take the queue's next caller after wrap-up. */
  | { type: 'release-queue-agent'; queueId: string; assignmentId: string }
  | { type: 'schedule-callback'; queueId: string; number: string }
  | { type: 'start-recording'; channels: 'single' | 'dual'; format: 'mp3' | 'wav' }
  | { type: 'stop-recording' }
  | { type: 'record-voicemail'; maxLengthSecs: number; silenceTimeoutSecs: number; beep: boolean }
  | {
      type: 'save-voicemail';
      mailboxId: string;
      recording: { url: string; durationSecs: number };
      transcribe: boolean;
      notifyEmails: string[];
      notifySms: string[];
      callerNumber: string;
    }
  | { type: 'send-sms'; requestId: string; to: string; from: string; text: string }
  | { type: 'hangup' };
export type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export type CallResult = 'completed' | 'abandoned' | 'answered' | 'transferred' | 'voicemail' | 'callback' | 'failed';

export interface CallOutcome {
  result: CallResult;
  /** Node where the call ended. */
  node: string | null;
  reason: string;
}

/** What happened, for live monitoring, the call log and replay. */
export type TraceEvent = { at: number; flowId: string; node: string | null } & (
  | { type: 'node.entered'; kind: NodeKind; label: string }
  | { type: 'node.exited'; port: string; target: string | null }
  | { type: 'prompt.played'; text: string | null; url: string | null }
  | { type: 'digits.received'; digits: string; accepted: boolean }
  | { type: 'input.timeout'; attempt: number }
  | { type: 'variable.set'; name: string; value: ExprValue }
  | { type: 'schedule.checked'; state: string; detail: string | null }
  | { type: 'http.completed'; ok: boolean; status: number | null; error: string | null }
  | { type: 'agents.skipped'; agents: { label: string; reason: string }[] }
  /** `legs`: which leg rings which agent (null: an outside number), each until `timeoutSecs` pass unanswered. */
  | { type: 'agents.rung'; targets: string[]; legs: { legId: string; agentId: string | null }[]; timeoutSecs: number }
  | { type: 'agent.answered'; target: string; agentId: string | null }
  | { type: 'agent.missed'; target: string; cause: string; agentId: string | null }
  | { type: 'agent.transferred'; target: string; agentId: string | null; extension: string }
  | { type: 'queue.joined'; queueId: string; position: number; expectedWaitSecs: number | null }
  | { type: 'queue.position'; position: number; expectedWaitSecs: number | null }
  /** The caller left by the queue's `timeout` port: the queue was full (or unknown), or the caller waited too long. */
  | { type: 'queue.overflowed'; queueId: string; reason: QueueOverflowReason }
  | { type: 'transfer.completed'; destination: string; answered: boolean }
  | { type: 'recording.started' }
  | { type: 'recording.stopped' }
  | { type: 'voicemail.recorded'; durationSecs: number }
  | { type: 'sms.sent'; to: string; ok: boolean }
  | { type: 'flow.switched'; toFlowId: string }
  | { type: 'call.ended'; outcome: CallOutcome }
);
export type QueueOverflowReason = 'full' | 'unknown-queue' | 'max-wait';
export type TraceEventOf<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

export type CallStatus = 'new' | 'running' | 'ended';

/** The interpreter's whole memory of a call: plain JSON, so it survives continue-as-new and replay. */
export interface CallState {
  status: CallStatus;
  flowId: string;
  stepId: string | null;
  /** The current step's private progress (attempt counters, pending ids); shape owned by its executor. */
  phase: Record<string, unknown> | null;
  vars: Record<string, ExprValue>;
  call: CallInfo | null;
  answered: boolean;
  callerHungUp: boolean;
  recording: boolean;
  /** How the call was handled so far (answered by an agent, voicemail…), decides the final result. */
  disposition: Exclude<CallResult, 'completed' | 'abandoned' | 'failed'> | null;
  seq: number;
  outcome: CallOutcome | null;
}

export interface StepResult {
  state: CallState;
  commands: Command[];
  events: TraceEvent[];
}
