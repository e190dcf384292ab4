import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { CarrierEvent } from '@callflow/workflows';
import { CallsRepository } from './calls.repository';
import { RecordingsRepository } from './recordings.repository';

/** The carrier's recording URLs are short-lived (about 10 minutes): each recording is fetched when it is reported. */
const RECORDING_FETCH_TIMEOUT_MS = 30_000;

export interface SavedRecording {
  url: string;
  startedAt: Date | null;
  durationSecs: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What a `call.recording.saved` event reports: the URL the workflow acts on (mp3 when there is one), start and length. */
export function savedRecording(event: CarrierEvent): SavedRecording | null {
  if (event.type !== 'call.recording.saved') return null;
  const urls = (event.payload.recording_urls ?? {}) as Record<string, unknown>;
  const url = text(urls.mp3) ?? text(urls.wav);
  if (url === null) return null;
  const started = Date.parse(text(event.payload.recording_started_at) ?? '');
  const ended = Date.parse(text(event.payload.recording_ended_at) ?? '');
  return {
    url,
    startedAt: Number.isFinite(started) ? new Date(started) : null,
    durationSecs: Number.isFinite(started) && Number.isFinite(ended) ? Math.max(0, Math.round((ended - started) / 1000)) : 0,
  };
}

/**
 * Keeps the audio of every recording the carrier reports for a call (the record node's, which often ends only
 * when the caller hangs up, after the call's workflow is over). A voicemail's recording is reported the same way and
 * stored by the voicemail path too: until the call has ended it may be kept here as well (listings leave such
 * copies out), and once the call has ended, when all its voicemails are stored, the copies are dropped.
 */
@Injectable()
export class RecordingCollector implements OnApplicationShutdown {
  private readonly logger = new Logger(RecordingCollector.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(RecordingsRepository) private readonly recordings: RecordingsRepository,
  ) {}

  /** Fetches and stores the recording an event reports, without holding up the webhook that brought it. */
  keepInBackground(event: CarrierEvent): void {
    const recording = savedRecording(event);
    if (recording === null || event.callSessionId === null) return;
    const job = this.keep(event.callSessionId, recording)
      .catch((error: unknown) => this.logger.warn(`Recording ${recording.url} not kept: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Drops the copies of the call's voicemail audio; call it once the call has ended. */
  dropVoicemailCopies(callId: string): Promise<void> {
    return this.recordings.dropVoicemailCopies(callId);
  }

  private async keep(callSessionId: string, recording: SavedRecording): Promise<void> {
    const call = await this.calls.findCallBySession(callSessionId);
    if (call === null) return;
    if ((await this.recordings.knownRecordingUrls(call.id)).includes(recording.url)) return;
    const { audio, contentType } = await fetchAudio(recording.url);
    await this.recordings.save({ tenantId: call.tenantId, callId: call.id, recordingUrl: recording.url, startedAt: recording.startedAt, durationSecs: recording.durationSecs, audio, contentType });
    // The call may have ended while the audio was fetched, after its copies were dropped.
    if ((await this.calls.findCall(call.id))?.endedAt) await this.recordings.dropVoicemailCopies(call.id);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}

async function fetchAudio(url: string): Promise<{ audio: Buffer; contentType: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(RECORDING_FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const audio = Buffer.from(await response.arrayBuffer());
  if (audio.length === 0) throw new Error('the recording is empty');
  return { audio, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
}
