import { createTimeUuidGenerator, newCallControlId } from './ids';
import { GatherController } from './gather-controller';
import { hangupSource, isAlive, type AfterUnbridge, type Gather, type HangupInfo, type Leg } from './leg';
import { MediaPlayer } from './media-player';
import { Recorder } from './recorder';
import {
  CallAddressSchema,
  DEFAULT_ENDPOINT_BEHAVIOUR,
  EndpointBehaviourSchema,
  PlaceCallRequestSchema,
  SIP_URI_PATTERN,
  type EndpointBehaviour,
  type EndpointBehaviourInput,
  type PlaceCallRequest,
} from './sandbox.schema';
import { SandboxControlError } from './sandbox-control-error';
import type { Scheduler } from './scheduler';
import { SimulatedParty, type PartyConfig, type PartyHost } from './simulated-party';
import type { EventPublisher } from './event-publisher';
import type { PartyEntry, TimelineEntryView, TimelineSequence } from './timeline';
import { viewEntry } from './timeline';
import { TIMING } from './timing';

/** How long an ended leg stays queryable (Telnyx: status available ~10 minutes after the call ends). */
const ENDED_LEG_RETENTION_MS = 10 * 60_000;

export interface CallIds {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
}

export interface LegSummary extends CallIds {
  direction: 'incoming' | 'outgoing';
  from: string;
  to: string;
  state: Leg['state'];
  clientState: string | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  hangup: HangupInfo | null;
  bridgedWith: string | null;
}

export interface CallTimeline {
  callSessionId: string;
  legs: LegSummary[];
  /** Commands received, webhooks sent and what the simulated parties did, in order. */
  timeline: TimelineEntryView[];
}

export interface OutgoingLegSpec {
  callSessionId: string;
  connectionId: string;
  from: string;
  to: string;
  clientState: string | null;
  webhookUrl: string | null;
  timeoutSecs: number;
  timeLimitSecs: number | null;
  /** false → a ring timeout is reported as `no_answer` instead of `timeout`. */
  retryOnTimeout: boolean;
}

export interface SandboxCallsOptions {
  scheduler: Scheduler;
  publisher: EventPublisher;
  sequence: TimelineSequence;
  now: () => number;
  iso: (ms: number) => string;
  connectionId: string;
  firstCommandTimeoutSecs: number;
  recordingUrl: (recordingId: string) => string;
}

/**
 * The legs of the sandbox and their life: creation (inbound calls, dials, transfers), answer, bridge,
 * hang-up, and what the simulated parties do to them. Commands reach it through `CALL_ACTIONS`.
 */
export class SandboxCalls implements PartyHost {
  readonly scheduler: Scheduler;
  readonly media: MediaPlayer;
  readonly gathers: GatherController;
  readonly recorder: Recorder;
  private legs = new Map<string, Leg>();
  private sessions = new Map<string, Leg[]>();
  private endpoints = new Map<string, EndpointBehaviour>();
  private readonly newTimeUuid: () => string;
  private lastPrune = 0;

  constructor(private readonly options: SandboxCallsOptions) {
    this.scheduler = options.scheduler;
    this.newTimeUuid = createTimeUuidGenerator(options.now);
    const emit = (leg: Leg, type: string, payload: Record<string, unknown>): void => this.emit(leg, type, payload);
    this.media = new MediaPlayer({
      scheduler: this.scheduler,
      emit,
      promptEnded: (leg: Leg, gather: Gather) => this.gathers.promptEnded(leg, gather),
      holdStarted: (leg: Leg) => leg.party.onHoldStarted(),
    });
    this.gathers = new GatherController({ scheduler: this.scheduler, media: this.media, emit });
    this.recorder = new Recorder({
      scheduler: this.scheduler,
      now: options.now,
      iso: options.iso,
      recordingUrl: options.recordingUrl,
      emit,
    });
  }

  // ── Legs ────────────────────────────────────────────────────────────────────────────────────────────

  get(callControlId: string): Leg | undefined {
    return this.legs.get(callControlId);
  }

  newSessionId(): string {
    return this.newTimeUuid();
  }

  /** A simulated caller dials `to`: call.initiated (incoming, parked) goes to the webhook. */
  placeCall(request: PlaceCallRequest): CallIds {
    const parsed = PlaceCallRequestSchema.safeParse(request);
    if (!parsed.success) throw SandboxControlError.invalid('Invalid call', parsed.error);
    const { from, to, ...caller } = parsed.data;
    const leg = this.createLeg({
      direction: 'incoming',
      state: 'parked',
      callSessionId: this.newTimeUuid(),
      connectionId: this.options.connectionId,
      from,
      to,
      clientState: null,
      webhookUrl: null,
      party: { kind: 'caller', ...caller },
    });
    const { iso } = this.options;
    this.emit(leg, 'call.initiated', {
      caller_id_name: from,
      connection_codecs: 'G722,PCMU,PCMA,G729,OPUS',
      custom_headers: [],
      direction: 'incoming',
      offered_codecs: 'PCMU,PCMA,G722,telephone-event',
      start_time: iso(leg.createdAt),
      state: 'parked',
    });
    leg.cancelRingTimeout = this.scheduler.after(
      this.options.firstCommandTimeoutSecs,
      () => this.endLeg(leg, { cause: 'timeout', source: 'unknown', sip: 'unspecified' }),
      leg.timers,
    );
    leg.party.start();
    return ids(leg);
  }

  /** A leg the flow dials (POST /calls) or transfers to; the endpoint's behaviour decides what happens. */
  createOutgoingLeg(spec: OutgoingLegSpec): Leg {
    const leg = this.createLeg({
      direction: 'outgoing',
      state: 'ringing',
      callSessionId: spec.callSessionId,
      connectionId: spec.connectionId,
      from: spec.from,
      to: spec.to,
      clientState: spec.clientState,
      webhookUrl: spec.webhookUrl,
      party: { kind: 'endpoint', behaviour: this.endpointFor(spec.to) },
    });
    this.scheduler.after(
      TIMING.commandLatencySecs,
      () => {
        this.emit(leg, 'call.initiated', {
          caller_id_name: spec.from,
          connection_codecs: '',
          custom_headers: [],
          direction: 'outgoing',
          state: 'bridging',
        });
        leg.cancelRingTimeout = this.scheduler.after(
          spec.timeoutSecs,
          () => this.endLeg(leg, { cause: spec.retryOnTimeout ? 'timeout' : 'no_answer', source: 'caller', sip: '487' }),
          leg.timers,
        );
        leg.party.start();
      },
      leg.timers,
    );
    if (spec.timeLimitSecs !== null) {
      this.scheduler.after(spec.timeLimitSecs, () => this.endLeg(leg, { cause: 'time_limit', source: 'unknown', sip: '200' }), leg.timers);
    }
    return leg;
  }

  /** answer on a parked incoming leg: `call.answered` follows. */
  answer(leg: Leg): void {
    this.markAnswered(leg);
    this.scheduler.after(TIMING.commandLatencySecs, () => this.emitAnswered(leg), leg.timers);
  }

  /** The legs the flow acted on stop waiting for the first command (answer, transfer, bridge). */
  markAnswered(leg: Leg): void {
    leg.cancelRingTimeout?.();
    leg.cancelRingTimeout = null;
    leg.state = 'answered';
    leg.answeredAt = this.options.now();
  }

  cancelFirstCommandTimeout(leg: Leg): void {
    if (leg.direction !== 'incoming') return;
    leg.cancelRingTimeout?.();
    leg.cancelRingTimeout = null;
  }

  /** Bridges two live legs; `call.bridged` follows for each. */
  bridge(a: Leg, b: Leg, aAfter: AfterUnbridge, bAfter: AfterUnbridge): void {
    if (a.bridge?.peer === b) return;
    this.unbridge(a);
    this.unbridge(b);
    for (const leg of [a, b]) if (leg.state === 'parked') this.markAnswered(leg);
    a.bridge = { peer: b, afterUnbridge: aAfter };
    b.bridge = { peer: a, afterUnbridge: bAfter };
    this.scheduler.after(TIMING.commandLatencySecs, () => {
      for (const leg of [a, b]) {
        if (isAlive(leg) && (leg.bridge?.peer === a || leg.bridge?.peer === b)) {
          this.emit(leg, 'call.bridged', { start_time: this.options.iso(leg.createdAt) });
        }
      }
    });
  }

  /** Ends a leg: media and gather end with `call_hangup`, call.hangup, the recording is saved, the bridge ends. */
  endLeg(leg: Leg, hangup: HangupInfo): void {
    if (!isAlive(leg)) return;
    const { now, iso } = this.options;
    const answered = leg.state === 'answered';
    leg.state = 'ended';
    leg.endedAt = now();
    leg.hangup = hangup;
    leg.cancelRingTimeout = null;
    leg.timers.clear();
    this.media.hangup(leg);
    this.gathers.hangup(leg);
    this.emit(leg, 'call.hangup', {
      call_quality_stats: answered ? CALL_QUALITY_STATS : null,
      end_time: iso(leg.endedAt),
      hangup_cause: hangup.cause,
      hangup_source: hangup.source,
      sip_hangup_cause: hangup.sip,
      start_time: iso(leg.createdAt),
      telnyx_error: null,
    });
    this.recorder.stop(leg);
    this.unbridge(leg);
    for (const pending of leg.pendingPeers) {
      pending.bridgeOnAnswer = null;
      this.endLeg(pending, ourSideHangup(pending));
    }
    leg.pendingPeers.clear();
    if (leg.bridgeOnAnswer !== null) {
      leg.bridgeOnAnswer.with.pendingPeers.delete(leg);
      leg.bridgeOnAnswer = null;
    }
  }

  /** hangup command (or the flow cancelling a ringing leg). */
  hangUpFromOurSide(leg: Leg): void {
    this.endLeg(leg, ourSideHangup(leg));
  }

  // ── What the far end does (PartyHost) ────────────────────────────────────────────────────────────────

  receiveDigit(leg: Leg, digit: string): void {
    if (leg.state !== 'answered') return;
    this.emit(leg, 'call.dtmf.received', { digit });
    this.gathers.digit(leg, digit);
  }

  farEndAnswer(leg: Leg): void {
    if (leg.state !== 'ringing') return;
    this.markAnswered(leg);
    this.emitAnswered(leg);
    leg.party.onAnswered();
    const pending = leg.bridgeOnAnswer;
    if (pending === null) return;
    leg.bridgeOnAnswer = null;
    pending.with.pendingPeers.delete(leg);
    if (isAlive(pending.with)) this.bridge(pending.with, leg, pending.withAfterUnbridge, pending.selfAfterUnbridge);
    else this.hangUpFromOurSide(leg);
  }

  farEndDecline(leg: Leg, how: 'decline' | 'busy'): void {
    if (leg.state !== 'ringing') return;
    this.endLeg(leg, how === 'busy' ? { cause: 'user_busy', source: 'callee', sip: '486' } : { cause: 'call_rejected', source: 'callee', sip: '603' });
  }

  farEndHangup(leg: Leg): void {
    switch (leg.state) {
      case 'parked':
        this.endLeg(leg, { cause: 'originator_cancel', source: 'caller', sip: '487' });
        return;
      case 'ringing':
        this.farEndDecline(leg, 'decline');
        return;
      case 'answered':
        this.endLeg(leg, { cause: 'normal_clearing', source: hangupSource(leg, 'far-end'), sip: '200' });
        return;
      case 'ended':
        return;
    }
  }

  note(leg: Leg, action: PartyEntry['action'], detail: string | null): void {
    leg.timeline.push({
      seq: this.options.sequence.take(),
      at: this.options.now(),
      callControlId: leg.callControlId,
      kind: 'party',
      action,
      detail,
    });
  }

  // ── Control ──────────────────────────────────────────────────────────────────────────────────────────

  setEndpoint(address: string, behaviour: EndpointBehaviourInput): EndpointBehaviour {
    const parsedAddress = CallAddressSchema.safeParse(address);
    if (!parsedAddress.success) throw SandboxControlError.invalid('Invalid endpoint address', parsedAddress.error);
    const parsed = EndpointBehaviourSchema.safeParse(behaviour);
    if (!parsed.success) throw SandboxControlError.invalid('Invalid endpoint behaviour', parsed.error);
    this.endpoints.set(endpointKey(address), parsed.data);
    return parsed.data;
  }

  removeEndpoint(address: string): boolean {
    return this.endpoints.delete(endpointKey(address));
  }

  listEndpoints(): { address: string; behaviour: EndpointBehaviour }[] {
    return [...this.endpoints].map(([address, behaviour]) => ({ address, behaviour }));
  }

  /** The far end of a leg presses keys now (e.g. the designer's keypad). */
  pressDigits(callControlId: string, digits: string): void {
    const leg = this.requireLeg(callControlId);
    if (leg.state !== 'answered') throw SandboxControlError.conflict(`Call ${callControlId} is ${leg.state}: keys can only be pressed on an answered call.`);
    this.note(leg, 'press', digits);
    [...digits].forEach((digit, index) => {
      this.scheduler.after(index * TIMING.digitSpacingSecs, () => this.receiveDigit(leg, digit), leg.timers);
    });
  }

  /** The far end of a ringing leg answers now (e.g. an agent accepting a ring offer in the browser). */
  answerFarEnd(callControlId: string): void {
    const leg = this.requireLeg(callControlId);
    if (leg.state !== 'ringing') throw SandboxControlError.conflict(`Call ${callControlId} is ${leg.state}: only a ringing call can be answered.`);
    this.note(leg, 'answer', 'control request');
    this.farEndAnswer(leg);
  }

  /** The far end of a leg hangs up now. */
  hangUpFarEnd(callControlId: string): void {
    const leg = this.requireLeg(callControlId);
    if (!isAlive(leg)) throw SandboxControlError.conflict(`Call ${callControlId} has already ended.`);
    this.note(leg, 'hangup', 'control request');
    this.farEndHangup(leg);
  }

  /** By call_control_id: that leg; by call_session_id: every leg of the session. */
  timeline(id: string): CallTimeline | null {
    const leg = this.legs.get(id);
    const legs = leg === undefined ? this.sessions.get(id) : [leg];
    if (legs === undefined || legs.length === 0) return null;
    const entries = legs.flatMap((each) => each.timeline).sort((a, b) => a.seq - b.seq);
    return {
      callSessionId: legs[0]?.callSessionId ?? id,
      legs: legs.map(summary),
      timeline: entries.map(viewEntry),
    };
  }

  list(): LegSummary[] {
    return [...this.legs.values()].map(summary);
  }

  find(callControlId: string): LegSummary | null {
    const leg = this.legs.get(callControlId);
    return leg === undefined ? null : summary(leg);
  }

  reset(): void {
    this.legs = new Map();
    this.sessions = new Map();
    this.endpoints = new Map();
    this.recorder.clear();
  }

  requireLeg(callControlId: string): Leg {
    const leg = this.legs.get(callControlId);
    if (leg === undefined) throw SandboxControlError.notFound(`No call with call_control_id ${callControlId}.`);
    return leg;
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────────

  private emit(leg: Leg, type: string, payload: Record<string, unknown>): void {
    this.options.publisher.publishForLeg(leg, type, payload);
    leg.party.onEvent(type);
  }

  private emitAnswered(leg: Leg): void {
    this.emit(leg, 'call.answered', { codec: 'PCMU', sampling_rate: 8000, start_time: this.options.iso(leg.createdAt) });
  }

  private unbridge(leg: Leg): void {
    const bridge = leg.bridge;
    if (bridge === null) return;
    leg.bridge = null;
    const peer = bridge.peer;
    if (peer.bridge?.peer !== leg) return;
    const after = peer.bridge.afterUnbridge;
    peer.bridge = null;
    if (after === 'hangup') this.endLeg(peer, ourSideHangup(peer));
  }

  private endpointFor(address: string): EndpointBehaviour {
    return this.endpoints.get(endpointKey(address)) ?? DEFAULT_ENDPOINT_BEHAVIOUR;
  }

  private createLeg(spec: {
    direction: Leg['direction'];
    state: 'parked' | 'ringing';
    callSessionId: string;
    connectionId: string;
    from: string;
    to: string;
    clientState: string | null;
    webhookUrl: string | null;
    party: PartyConfig;
  }): Leg {
    this.prune();
    const sipParty = spec.direction === 'incoming' ? spec.from : spec.to;
    const leg: Leg = {
      callControlId: newCallControlId(),
      callLegId: this.newTimeUuid(),
      callSessionId: spec.callSessionId,
      connectionId: spec.connectionId,
      direction: spec.direction,
      from: spec.from,
      to: spec.to,
      callingPartyType: SIP_URI_PATTERN.test(sipParty) ? 'sip' : 'pstn',
      createdAt: this.options.now(),
      state: spec.state,
      answeredAt: null,
      endedAt: null,
      hangup: null,
      clientState: spec.clientState,
      webhookUrl: spec.webhookUrl,
      bridge: null,
      bridgeOnAnswer: null,
      pendingPeers: new Set(),
      cancelRingTimeout: null,
      timers: this.scheduler.group(),
      media: { queue: [], current: null, startPending: false },
      gather: null,
      recording: null,
      // Replaced right below; a leg and its party refer to each other.
      party: undefined as unknown as SimulatedParty,
      commandIds: new Map(),
      timeline: [],
    };
    leg.party = new SimulatedParty(this, leg, spec.party);
    this.legs.set(leg.callControlId, leg);
    const session = this.sessions.get(leg.callSessionId);
    if (session === undefined) this.sessions.set(leg.callSessionId, [leg]);
    else session.push(leg);
    return leg;
  }

  /** Forgets legs that ended more than 10 minutes ago (at most once a minute). */
  private prune(): void {
    const now = this.options.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [sessionId, legs] of this.sessions) {
      if (legs.every((leg) => leg.endedAt !== null && now - leg.endedAt > ENDED_LEG_RETENTION_MS)) {
        this.sessions.delete(sessionId);
        for (const leg of legs) this.legs.delete(leg.callControlId);
      }
    }
  }
}

/** Values are strings, as Telnyx sends them. */
const CALL_QUALITY_STATS = {
  inbound: { jitter_max_variance: '1.02', jitter_packet_count: '0', mos: '4.41', packet_count: '1200', skip_packet_count: '0' },
  outbound: { packet_count: '1200', skip_packet_count: '0' },
};

function ourSideHangup(leg: Leg): HangupInfo {
  if (leg.state === 'ringing') return { cause: 'originator_cancel', source: 'caller', sip: '487' };
  if (leg.state === 'parked') return { cause: 'normal_clearing', source: hangupSource(leg, 'our-side'), sip: 'unspecified' };
  return { cause: 'normal_clearing', source: hangupSource(leg, 'our-side'), sip: '200' };
}

/** Endpoints are looked up by address: SIP URIs without parameters, scheme and host lower-cased; DTMF suffixes dropped. */
export function endpointKey(address: string): string {
  const withoutDigits = address.split(',')[0] ?? address;
  const sip = /^(sips?):([^@]+)@([^;]+)/i.exec(withoutDigits);
  if (sip === null) return withoutDigits;
  return `${(sip[1] ?? '').toLowerCase()}:${sip[2] ?? ''}@${(sip[3] ?? '').toLowerCase()}`;
}

function ids(leg: Leg): CallIds {
  return { callControlId: leg.callControlId, callLegId: leg.callLegId, callSessionId: leg.callSessionId };
}

function summary(leg: Leg): LegSummary {
  return {
    ...ids(leg),
    direction: leg.direction,
    from: leg.from,
    to: leg.to,
    state: leg.state,
    clientState: leg.clientState,
    createdAt: leg.createdAt,
    answeredAt: leg.answeredAt,
    endedAt: leg.endedAt,
    hangup: leg.hangup,
    bridgedWith: leg.bridge?.peer.callControlId ?? null,
  };
}
