import { randomUUID } from 'node:crypto';
import type { ActiveRecording, Leg } from './leg';
import type { Scheduler } from './scheduler';
import { speechSecs, TIMING, wordsSpokenIn } from './timing';
import { renderWav } from './wav';

/** A finished recording, kept for download and its transcript. */
export interface StoredRecording {
  recordingId: string;
  callControlId: string;
  callSessionId: string;
  format: 'wav' | 'mp3';
  channels: 'single' | 'dual';
  /** Epoch ms (wall clock). */
  startedAt: number;
  endedAt: number;
  clientState: string | null;
  /** What the party said into it (cut where the recording stopped); '' if nothing. */
  transcript: string;
  /** The speech within the recording, ms from its start. */
  speech: { fromMs: number; toMs: number } | null;
}

export interface RecorderHost {
  readonly scheduler: Scheduler;
  now(): number;
  iso(ms: number): string;
  recordingUrl(recordingId: string): string;
  emit(leg: Leg, type: string, payload: Record<string, unknown>): void;
}

export interface RecordingOptions {
  format: 'wav' | 'mp3';
  channels: 'single' | 'dual';
  /** 0 = no limit. */
  maxLengthSecs: number;
  /** Silence that stops the recording; 0 = off. */
  silenceSecs: number;
  playBeep: boolean;
  /** record_start: the party's script decides what is said (record-from-answer: nothing is). */
  listenToParty: boolean;
}

/**
 * record_start / record_stop / record-from-answer. The party's next `{ say }` is what it speaks into
 * the recording (words / 2.5 s); silence after it (or from the start) for `timeout_secs` stops the
 * recording, as do `max_length`, record_stop and hangup. `call.recording.saved` follows shortly after.
 */
export class Recorder {
  private readonly recordings = new Map<string, StoredRecording>();

  constructor(private readonly host: RecorderHost) {}

  start(leg: Leg, options: RecordingOptions): string {
    const { scheduler, now } = this.host;
    const recording: ActiveRecording = {
      recordingId: randomUUID(),
      format: options.format,
      channels: options.channels,
      startedAt: now(),
      clientState: leg.clientState,
      speech: null,
      timers: scheduler.group(),
    };
    leg.recording = recording;
    if (options.maxLengthSecs > 0) scheduler.after(options.maxLengthSecs, () => this.stop(leg), recording.timers);
    const stopOnSilence = (): void => {
      if (options.silenceSecs > 0 && leg.recording === recording) {
        scheduler.after(options.silenceSecs, () => this.stop(leg), recording.timers);
      }
    };
    const said = options.listenToParty ? leg.party.onRecordingStarted() : null;
    if (said === null) {
      stopOnSilence();
      return recording.recordingId;
    }
    const leadSecs = TIMING.recordingSpeechLeadSecs + (options.playBeep ? 0.5 : 0);
    const talkSecs = speechSecs(said);
    const startAt = now() + leadSecs * 1000 * scheduler.speed;
    recording.speech = { text: said, startAt, endAt: startAt + talkSecs * 1000 * scheduler.speed };
    scheduler.after(
      leadSecs + talkSecs,
      () => {
        stopOnSilence();
        leg.party.onSpeechEnded();
      },
      recording.timers,
    );
    return recording.recordingId;
  }

  /** Stops the leg's recording, if any, and emits call.recording.saved shortly after (even once the leg has ended). */
  stop(leg: Leg): void {
    const recording = leg.recording;
    if (recording === null) return;
    leg.recording = null;
    recording.timers.clear();
    const { now, scheduler } = this.host;
    const endedAt = now();
    const stored: StoredRecording = {
      recordingId: recording.recordingId,
      callControlId: leg.callControlId,
      callSessionId: leg.callSessionId,
      format: recording.format,
      channels: recording.channels,
      startedAt: recording.startedAt,
      endedAt,
      clientState: recording.clientState,
      transcript: '',
      speech: null,
    };
    const speech = recording.speech;
    if (speech !== null && speech.startAt < endedAt) {
      const spokenMs = Math.min(endedAt, speech.endAt) - speech.startAt;
      stored.transcript = endedAt >= speech.endAt ? speech.text : wordsSpokenIn(speech.text, spokenMs / 1000 / scheduler.speed);
      stored.speech = { fromMs: speech.startAt - recording.startedAt, toMs: speech.startAt - recording.startedAt + spokenMs };
    }
    this.recordings.set(stored.recordingId, stored);
    scheduler.after(TIMING.recordingSavedLatencySecs, () => this.emitSaved(leg, stored));
  }

  get(recordingId: string): StoredRecording | undefined {
    return this.recordings.get(recordingId);
  }

  wav(recordingId: string): Buffer | undefined {
    const recording = this.recordings.get(recordingId);
    return recording === undefined ? undefined : renderWav(recording.endedAt - recording.startedAt, recording.speech);
  }

  clear(): void {
    this.recordings.clear();
  }

  private emitSaved(leg: Leg, recording: StoredRecording): void {
    const { iso, recordingUrl } = this.host;
    this.host.emit(leg, 'call.recording.saved', {
      channels: recording.channels,
      format: recording.format,
      recording_id: recording.recordingId,
      recording_started_at: iso(recording.startedAt),
      recording_ended_at: iso(recording.endedAt),
      recording_urls: { [recording.format]: recordingUrl(recording.recordingId) },
      public_recording_urls: {},
      // The client_state the recording was started with, even when later commands changed the leg's: it tells recordings apart.
      client_state: recording.clientState,
      start_time: iso(leg.createdAt),
      ...(leg.endedAt === null ? {} : { end_time: iso(leg.endedAt) }),
    });
  }
}
