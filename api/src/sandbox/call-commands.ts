import type { z } from 'zod';
import { newShortToken } from './ids';
import { isAlive, type Leg } from './leg';
import type { SandboxCalls } from './sandbox-calls';
import {
  AnswerCommandSchema,
  BridgeCommandSchema,
  ClientStateUpdateCommandSchema,
  DialCommandSchema,
  GatherCommandSchema,
  GatherStopCommandSchema,
  GatherUsingAudioCommandSchema,
  GatherUsingSpeakCommandSchema,
  HangupCommandSchema,
  PlaybackStartCommandSchema,
  PlaybackStopCommandSchema,
  RecordStartCommandSchema,
  RecordStopCommandSchema,
  RejectCommandSchema,
  SendDtmfCommandSchema,
  SpeakCommandSchema,
  TransferCommandSchema,
} from './telnyx-commands.schema';
import { telnyxErrors, TelnyxApiError, validationError } from './telnyx-errors';
import type { CommandEntry, TimelineSequence } from './timeline';
import { speechSecs } from './timing';

/** A repeated command_id on the same call control id within this window is answered 200 and ignored. */
const COMMAND_ID_WINDOW_MS = 60_000;

interface ActionHandler<S extends z.ZodType> {
  method: 'POST' | 'PUT';
  schema: S;
  /** Media and DTMF commands need an answered call (else 422 90034). */
  needsAnswer: boolean;
  /** Applies the command; may return fields added to `data` next to `result: "ok"`. */
  run(calls: SandboxCalls, leg: Leg, body: z.output<S>): Record<string, unknown> | void;
}

function action<S extends z.ZodType>(handler: ActionHandler<S>): ActionHandler<S> {
  return handler;
}

/** `POST /v2/calls/{call_control_id}/actions/{action}` (client_state_update: PUT), by action. */
export const CALL_ACTIONS = {
  answer: action({
    method: 'POST',
    schema: AnswerCommandSchema,
    needsAnswer: false,
    run(calls, leg, body) {
      if (leg.direction !== 'incoming') throw telnyxErrors.invalidState('Only an incoming call can be answered.');
      if (body.webhook_url !== undefined) leg.webhookUrl = body.webhook_url;
      if (leg.state !== 'parked') return;
      calls.answer(leg);
      if (body.record === undefined) return;
      const recordingId = calls.recorder.start(leg, {
        format: body.record_format,
        channels: body.record_channels,
        maxLengthSecs: 0,
        silenceSecs: 0,
        playBeep: false,
        listenToParty: false,
      });
      return { recording_id: recordingId };
    },
  }),
  reject: action({
    method: 'POST',
    schema: RejectCommandSchema,
    needsAnswer: false,
    run(calls, leg, body) {
      if (leg.state !== 'parked') throw telnyxErrors.invalidState('Only a parked incoming call can be rejected.');
      calls.endLeg(
        leg,
        body.cause === 'USER_BUSY'
          ? { cause: 'user_busy', source: 'callee', sip: '486' }
          : { cause: 'call_rejected', source: 'callee', sip: '603' },
      );
    },
  }),
  hangup: action({
    method: 'POST',
    schema: HangupCommandSchema,
    needsAnswer: false,
    run(calls, leg) {
      calls.hangUpFromOurSide(leg);
    },
  }),
  speak: action({
    method: 'POST',
    schema: SpeakCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      calls.media.enqueue(leg, { kind: 'speak', speakId: newShortToken(), durationSecs: speechSecs(body.payload) }, body.stop);
    },
  }),
  playback_start: action({
    method: 'POST',
    schema: PlaybackStartCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      calls.media.enqueue(
        leg,
        {
          kind: 'playback',
          mediaUrl: body.audio_url ?? null,
          mediaName: body.media_name ?? null,
          overlay: body.overlay,
          loops: body.loop,
        },
        body.stop,
      );
    },
  }),
  playback_stop: action({
    method: 'POST',
    schema: PlaybackStopCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      calls.media.stop(leg, body.stop);
    },
  }),
  gather: action({
    method: 'POST',
    schema: GatherCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      calls.gathers.start(leg, {
        kind: 'gather',
        gatherId: body.gather_id ?? null,
        ...digitSettings(body),
        initialMs: body.initial_timeout_millis,
        maxTries: 1,
        prompt: null,
        invalidPrompt: null,
      });
    },
  }),
  gather_using_speak: action({
    method: 'POST',
    schema: GatherUsingSpeakCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      calls.gathers.start(leg, {
        kind: 'speak',
        gatherId: null,
        ...digitSettings(body),
        initialMs: null,
        maxTries: body.maximum_tries,
        prompt: { text: body.payload, mediaUrl: null, mediaName: null },
        invalidPrompt: body.invalid_payload === undefined ? null : { text: body.invalid_payload, mediaUrl: null, mediaName: null },
      });
    },
  }),
  gather_using_audio: action({
    method: 'POST',
    schema: GatherUsingAudioCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      const invalid = body.invalid_audio_url !== undefined || body.invalid_media_name !== undefined;
      calls.gathers.start(leg, {
        kind: 'audio',
        gatherId: null,
        ...digitSettings(body),
        initialMs: null,
        maxTries: body.maximum_tries,
        prompt: { text: null, mediaUrl: body.audio_url ?? null, mediaName: body.media_name ?? null },
        invalidPrompt: invalid
          ? { text: null, mediaUrl: body.invalid_audio_url ?? null, mediaName: body.invalid_media_name ?? null }
          : null,
      });
    },
  }),
  gather_stop: action({
    method: 'POST',
    schema: GatherStopCommandSchema,
    needsAnswer: true,
    run(calls, leg) {
      calls.gathers.stop(leg);
    },
  }),
  transfer: action({
    method: 'POST',
    schema: TransferCommandSchema,
    needsAnswer: false,
    run(calls, leg, body) {
      if (leg.state === 'ringing') throw telnyxErrors.notAnswered();
      calls.cancelFirstCommandTimeout(leg);
      const target = calls.createOutgoingLeg({
        callSessionId: leg.callSessionId,
        connectionId: leg.connectionId,
        from: body.from ?? leg.to,
        to: body.to.split(',')[0] ?? body.to,
        clientState: body.target_leg_client_state ?? null,
        webhookUrl: body.webhook_url ?? leg.webhookUrl,
        timeoutSecs: body.timeout_secs,
        timeLimitSecs: body.time_limit_secs ?? null,
        retryOnTimeout: true,
      });
      target.bridgeOnAnswer = {
        with: leg,
        withAfterUnbridge: body.park_after_unbridge === 'self' ? 'park' : 'hangup',
        selfAfterUnbridge: 'hangup',
      };
      leg.pendingPeers.add(target);
    },
  }),
  bridge: action({
    method: 'POST',
    schema: BridgeCommandSchema,
    needsAnswer: false,
    run(calls, leg, body) {
      const other = calls.get(body.call_control_id);
      if (other === undefined) throw telnyxErrors.invalidCallControlId('/call_control_id');
      if (other === leg) throw telnyxErrors.invalidState('A call cannot be bridged to itself.');
      if (!isAlive(other)) throw telnyxErrors.callEnded();
      if (leg.state === 'ringing' || other.state === 'ringing') throw telnyxErrors.notAnswered();
      calls.bridge(leg, other, body.park_after_unbridge === 'self' ? 'park' : 'hangup', 'hangup');
    },
  }),
  record_start: action({
    method: 'POST',
    schema: RecordStartCommandSchema,
    needsAnswer: true,
    run(calls, leg, body) {
      if (leg.recording !== null) throw telnyxErrors.invalidState('A recording is already in progress on this call.');
      calls.recorder.start(leg, {
        format: body.format,
        channels: body.channels,
        maxLengthSecs: body.max_length,
        silenceSecs: body.timeout_secs,
        playBeep: body.play_beep,
        listenToParty: true,
      });
    },
  }),
  record_stop: action({
    method: 'POST',
    schema: RecordStopCommandSchema,
    needsAnswer: false,
    run(calls, leg) {
      calls.recorder.stop(leg);
    },
  }),
  send_dtmf: action({
    method: 'POST',
    schema: SendDtmfCommandSchema,
    needsAnswer: true,
    run() {
      // The far ends are simulated: the tones reach nobody who reacts to them. The timeline keeps the command.
    },
  }),
  client_state_update: action({
    method: 'PUT',
    schema: ClientStateUpdateCommandSchema,
    needsAnswer: false,
    run() {
      // The client_state itself is applied for every command, before it runs.
    },
  }),
} satisfies Record<string, ActionHandler<z.ZodType>>;

function isCallAction(name: string): name is keyof typeof CALL_ACTIONS {
  return Object.hasOwn(CALL_ACTIONS, name);
}

function digitSettings(body: {
  minimum_digits: number;
  maximum_digits: number;
  timeout_millis: number;
  inter_digit_timeout_millis: number;
  terminating_digit: string;
  valid_digits: string;
}) {
  return {
    minDigits: body.minimum_digits,
    maxDigits: body.maximum_digits,
    timeoutMs: body.timeout_millis,
    interDigitMs: body.inter_digit_timeout_millis,
    terminator: body.terminating_digit,
    validDigits: body.valid_digits,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface CallCommandsOptions {
  calls: SandboxCalls;
  sequence: TimelineSequence;
  now: () => number;
  iso: (ms: number) => string;
}

export type CommandResponse = { data: Record<string, unknown> };

/**
 * Executes Call Control requests with Telnyx's semantics: unknown id → 90015, command_id repeated within
 * 60 s → the first answer again and no effect, ended call → 90018, invalid body → 422, media before
 * answer → 90034, else the command. Every request on a known leg lands in its timeline.
 */
export class CallCommands {
  private dialCommandIds = new Map<string, { expiresAt: number; response: CommandResponse }>();

  constructor(private readonly options: CallCommandsOptions) {}

  action(method: string, callControlId: string, name: string, body: unknown): CommandResponse {
    if (!isCallAction(name) || CALL_ACTIONS[name].method !== method) {
      throw telnyxErrors.notFound(`The sandbox carrier does not implement ${method} /v2/calls/{call_control_id}/actions/${name}.`);
    }
    const handler: ActionHandler<z.ZodType> = CALL_ACTIONS[name];
    const leg = this.options.calls.get(callControlId);
    if (leg === undefined) throw telnyxErrors.invalidCallControlId();
    const { now } = this.options;
    const commandId = isRecord(body) && typeof body['command_id'] === 'string' ? body['command_id'] : null;
    // Taken now, so the command precedes the webhooks it causes in the timeline.
    const seq = this.options.sequence.take();
    const record = (status: number, result: CommandEntry['result'], error: TelnyxApiError | null): void => {
      leg.timeline.push({
        seq,
        at: now(),
        callControlId,
        kind: 'command',
        action: name,
        commandId,
        body,
        status,
        result,
        error: error?.errors[0] ?? null,
      });
    };

    if (commandId !== null) {
      const earlier = leg.commandIds.get(commandId);
      if (earlier !== undefined && earlier.expiresAt > now()) {
        record(200, 'duplicate', null);
        return earlier.response as CommandResponse;
      }
    }
    const previousClientState = leg.clientState;
    try {
      if (!isAlive(leg)) throw telnyxErrors.callEnded();
      const parsed = handler.schema.safeParse(body ?? {}, { reportInput: true });
      if (!parsed.success) throw validationError(parsed.error);
      if (handler.needsAnswer && leg.state !== 'answered') throw telnyxErrors.notAnswered();
      const clientState = (parsed.data as { client_state?: unknown }).client_state;
      if (typeof clientState === 'string') leg.clientState = clientState;
      const response: CommandResponse = { data: { result: 'ok', ...(handler.run(this.options.calls, leg, parsed.data) ?? {}) } };
      if (commandId !== null) leg.commandIds.set(commandId, { expiresAt: now() + COMMAND_ID_WINDOW_MS, response });
      record(200, 'ok', null);
      return response;
    } catch (error) {
      leg.clientState = previousClientState;
      if (error instanceof TelnyxApiError) record(error.status, 'error', error);
      throw error;
    }
  }

  /** POST /v2/calls. A repeated command_id within 60 s returns the leg the first dial created. */
  dial(body: unknown): CommandResponse {
    const { calls, now, iso } = this.options;
    const parsed = DialCommandSchema.safeParse(body ?? {}, { reportInput: true });
    if (!parsed.success) throw validationError(parsed.error);
    const dial = parsed.data;
    if (dial.command_id !== undefined) {
      const earlier = this.dialCommandIds.get(dial.command_id);
      if (earlier !== undefined && earlier.expiresAt > now()) {
        const leg = calls.get(String(earlier.response.data['call_control_id']));
        leg?.timeline.push(this.dialEntry(this.options.sequence.take(), leg.callControlId, dial.command_id, body, 'duplicate'));
        return earlier.response;
      }
    }
    let linked: Leg | null = null;
    if (dial.link_to !== undefined) {
      linked = calls.get(dial.link_to) ?? null;
      if (linked === null) throw telnyxErrors.invalidCallControlId('/link_to');
      if (!isAlive(linked)) throw telnyxErrors.callEnded();
    }
    const seq = this.options.sequence.take();
    const to = Array.isArray(dial.to) ? (dial.to[0] ?? '') : dial.to;
    const leg = calls.createOutgoingLeg({
      callSessionId: linked?.callSessionId ?? calls.newSessionId(),
      connectionId: dial.connection_id,
      from: dial.from,
      to: to.split(',')[0] ?? to,
      clientState: dial.client_state ?? null,
      webhookUrl: dial.webhook_url ?? null,
      timeoutSecs: dial.timeout_secs,
      timeLimitSecs: dial.time_limit_secs ?? null,
      retryOnTimeout: dial.retry_on_timeout,
    });
    if (linked !== null && dial.bridge_on_answer) {
      leg.bridgeOnAnswer = {
        with: linked,
        withAfterUnbridge: 'hangup',
        selfAfterUnbridge: dial.park_after_unbridge === 'self' ? 'park' : 'hangup',
      };
      linked.pendingPeers.add(leg);
    }
    const response: CommandResponse = {
      data: {
        call_control_id: leg.callControlId,
        call_leg_id: leg.callLegId,
        call_session_id: leg.callSessionId,
        is_alive: false,
        record_type: 'call',
        start_time: iso(leg.createdAt),
        ...(dial.client_state === undefined ? {} : { client_state: dial.client_state }),
      },
    };
    if (dial.command_id !== undefined) {
      this.forgetExpiredDials();
      this.dialCommandIds.delete(dial.command_id);
      this.dialCommandIds.set(dial.command_id, { expiresAt: now() + COMMAND_ID_WINDOW_MS, response });
    }
    leg.timeline.push(this.dialEntry(seq, leg.callControlId, dial.command_id ?? null, body, 'ok'));
    return response;
  }

  /** GET /v2/calls/{call_control_id}. */
  status(callControlId: string): CommandResponse {
    const leg = this.options.calls.get(callControlId);
    if (leg === undefined) throw telnyxErrors.invalidCallControlId();
    const { now, iso } = this.options;
    const durationEnd = leg.endedAt ?? now();
    return {
      data: {
        call_control_id: leg.callControlId,
        call_leg_id: leg.callLegId,
        call_session_id: leg.callSessionId,
        client_state: leg.clientState,
        is_alive: isAlive(leg),
        record_type: 'call',
        call_duration: leg.answeredAt === null ? 0 : Math.round((durationEnd - leg.answeredAt) / 1000),
        start_time: iso(leg.createdAt),
        ...(leg.endedAt === null ? {} : { end_time: iso(leg.endedAt) }),
      },
    };
  }

  reset(): void {
    this.dialCommandIds = new Map();
  }

  /** Entries are in insertion order, which is expiry order. */
  private forgetExpiredDials(): void {
    const now = this.options.now();
    for (const [commandId, entry] of this.dialCommandIds) {
      if (entry.expiresAt > now) return;
      this.dialCommandIds.delete(commandId);
    }
  }

  private dialEntry(seq: number, callControlId: string, commandId: string | null, body: unknown, result: 'ok' | 'duplicate'): CommandEntry {
    return {
      seq,
      at: this.options.now(),
      callControlId,
      kind: 'command',
      action: 'dial',
      commandId,
      body,
      status: 200,
      result,
      error: null,
    };
  }
}
