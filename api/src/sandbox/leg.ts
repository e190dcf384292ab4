import type { TimerGroup } from './scheduler';
import type { SimulatedParty } from './simulated-party';
import type { TimelineEntry } from './timeline';

export type LegState = 'parked' | 'ringing' | 'answered' | 'ended';

/** What a bridged leg does when the bridge ends: Telnyx hangs it up unless `park_after_unbridge: "self"`. */
export type AfterUnbridge = 'hangup' | 'park';

export interface HangupInfo {
  cause: string;
  source: 'caller' | 'callee' | 'unknown';
  sip: string;
}

/** Something queued to play on a leg. Prompt items belong to a gather_using_speak/audio. */
export type MediaItem =
  | { kind: 'speak'; speakId: string; durationSecs: number }
  | { kind: 'playback'; mediaUrl: string | null; mediaName: string | null; overlay: boolean; loops: number | 'infinity' }
  | {
      kind: 'prompt';
      gather: Gather;
      /** `invalid`: the invalid-input prompt played before the main prompt is replayed. */
      role: 'main' | 'invalid';
      audio: { mediaUrl: string | null; mediaName: string | null } | null;
      durationSecs: number;
    };

export interface MediaState {
  queue: MediaItem[];
  current: { item: MediaItem; stopTimer: () => void } | null;
  /** A start is scheduled (the command latency), so enqueueing more does not schedule a second one. */
  startPending: boolean;
}

export interface Prompt {
  text: string | null;
  mediaUrl: string | null;
  mediaName: string | null;
}

/** A digit collection in progress (gather, gather_using_speak, gather_using_audio). */
export interface Gather {
  kind: 'gather' | 'speak' | 'audio';
  gatherId: string | null;
  minDigits: number;
  maxDigits: number;
  /** gather: overall limit from the start; prompt gathers: the wait after each prompt. */
  timeoutMs: number;
  interDigitMs: number;
  /** gather only: wait for the first digit. */
  initialMs: number | null;
  terminator: string;
  validDigits: string;
  maxTries: number;
  prompt: Prompt | null;
  invalidPrompt: Prompt | null;
  tries: number;
  digits: string;
  phase: 'prompt' | 'listening';
  timers: TimerGroup;
  /** The wait for input (gather: first digit; prompt gathers: after the prompt), cancelled by a digit. */
  cancelWait: (() => void) | null;
  cancelInterDigit: (() => void) | null;
}

export interface ActiveRecording {
  recordingId: string;
  format: 'wav' | 'mp3';
  channels: 'single' | 'dual';
  startedAt: number;
  /** The leg's client_state when the recording started (record_start's own, if it set one): its events echo it. */
  clientState: string | null;
  /** What the party says into it, with wall-clock start and end (epoch ms). */
  speech: { text: string; startAt: number; endAt: number } | null;
  timers: TimerGroup;
}

/** One call leg: the inbound caller's, or one the flow dialed or transferred to. */
export interface Leg {
  readonly callControlId: string;
  readonly callLegId: string;
  readonly callSessionId: string;
  readonly connectionId: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly from: string;
  readonly to: string;
  readonly callingPartyType: 'pstn' | 'sip';
  readonly createdAt: number;
  state: LegState;
  answeredAt: number | null;
  endedAt: number | null;
  hangup: HangupInfo | null;
  /** Echoed in every webhook of the leg; set by any command that carries client_state. */
  clientState: string | null;
  /** Per-call webhook URL (answer/dial/transfer `webhook_url`); null → the sandbox's. */
  webhookUrl: string | null;
  bridge: { peer: Leg; afterUnbridge: AfterUnbridge } | null;
  /** Transfer targets and bridge_on_answer dials: bridged to `with` when they answer. */
  bridgeOnAnswer: { with: Leg; withAfterUnbridge: AfterUnbridge; selfAfterUnbridge: AfterUnbridge } | null;
  /** The legs whose `bridgeOnAnswer` names this one (cancelled if this one ends first). */
  readonly pendingPeers: Set<Leg>;
  /** Incoming: hang up if the flow never acts (first command timeout). Outgoing: the ring timeout. */
  cancelRingTimeout: (() => void) | null;
  readonly timers: TimerGroup;
  readonly media: MediaState;
  gather: Gather | null;
  recording: ActiveRecording | null;
  party: SimulatedParty;
  /** command_id → when it stops being a duplicate, and the response first given. */
  readonly commandIds: Map<string, { expiresAt: number; response: unknown }>;
  readonly timeline: TimelineEntry[];
}

export function isAlive(leg: Leg): boolean {
  return leg.state !== 'ended';
}

/** Who a hang-up is attributed to: the party on the far end, or our side (a command, a timeout, an unbridge). */
export function hangupSource(leg: Leg, by: 'far-end' | 'our-side'): HangupInfo['source'] {
  const farEndIsCaller = leg.direction === 'incoming';
  return (by === 'far-end') === farEndIsCaller ? 'caller' : 'callee';
}
