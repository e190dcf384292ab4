import { BadGatewayException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { VoicemailBody, VoicemailResponse } from '@callflow/workflows';
import { CallsRepository } from '../calls/calls.repository';
import { APP_CONFIG, type AppConfig } from '../config';
import { DirectoryRepository } from '../directory/directory.repository';
import { LiveEvents } from '../realtime/live-events';
import { VoicemailLibraryRepository } from './voicemail-library.repository';
import { VoicemailsRepository, type NewOutboundMessage } from './voicemails.repository';

/** The carrier's recording URLs are valid about 10 minutes: fetch at once, and give up before the activity does. */
export const RECORDING_FETCH_TIMEOUT_MS = 30_000;

@Injectable()
export class VoicemailService {
  private readonly logger = new Logger('Voicemail');

  constructor(
    @Inject(VoicemailsRepository) private readonly voicemails: VoicemailsRepository,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(DirectoryRepository) private readonly directory: DirectoryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(VoicemailLibraryRepository) private readonly library: VoicemailLibraryRepository,
    @Inject(LiveEvents) private readonly live: LiveEvents,
  ) {}

  /**
   * Fetches the recording, stores it with one outbox message per notification recipient (NotificationSender sends
   * them), and announces it live (`voicemail.created.v1`) to whoever may list it. Idempotent per recording: a retried
   * save answers the stored id and announces nothing again.
   */
  async save(body: VoicemailBody): Promise<VoicemailResponse> {
    const call = await this.calls.findCall(body.callId);
    if (!call || call.tenantId !== body.tenantId) throw new NotFoundException(`Call ${body.callId} does not exist for tenant ${body.tenantId}`);
    const existing = await this.voicemails.findIdByRecording(body.callId, body.recordingUrl);
    if (existing !== null) return { voicemailId: existing };

    const { audio, contentType } = await this.fetchRecording(body.recordingUrl);
    const mailbox = (await this.directory.snapshot(body.tenantId)).mailboxes.find((candidate) => candidate.id === body.mailboxId);
    const durationSecs = Math.round(body.durationSecs);
    const transcription = body.transcribe ? await this.transcribe(body.recordingUrl) : null;
    const voicemailId = await this.voicemails.save(
      {
        tenantId: body.tenantId,
        callId: body.callId,
        mailboxId: body.mailboxId,
        callerNumber: body.callerNumber,
        durationSecs,
        recordingUrl: body.recordingUrl,
        audio,
        contentType,
        transcription,
      },
      notifications(body, call.to, mailbox?.name ?? body.mailboxId, durationSecs, transcription),
    );
    this.logger.log(`Voicemail ${voicemailId} (${audio.length} bytes) stored for mailbox ${body.mailboxId}, call ${body.callId}`);
    const stored = await this.library.find({ tenantId: body.tenantId, agentId: null }, voicemailId);
    if (stored !== null) this.live.voicemailCreated(body.tenantId, mailbox?.ownerAgentId ?? null, stored);
    return { voicemailId };
  }

  /** The transcript from the speech-to-text hook; a voicemail is never lost for want of one (null, logged). */
  private async transcribe(recordingUrl: string): Promise<string | null> {
    if (this.config.transcriptionUrl === null) return null;
    try {
      const response = await fetch(this.config.transcriptionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recordingUrl }),
        signal: AbortSignal.timeout(RECORDING_FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { text } = (await response.json()) as { text?: unknown };
      if (typeof text !== 'string') throw new Error('the answer has no text');
      return text;
    } catch (error) {
      this.logger.warn(`No transcript for ${recordingUrl}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  private async fetchRecording(url: string): Promise<{ audio: Buffer; contentType: string }> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(RECORDING_FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new BadGatewayException(`Could not fetch the recording ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new BadGatewayException(`Could not fetch the recording ${url}: HTTP ${response.status}`);
    const audio = Buffer.from(await response.arrayBuffer());
    if (audio.length === 0) throw new BadGatewayException(`The recording ${url} is empty`);
    return { audio, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }
}

/** One message per recipient; texts go out from the number the caller dialled. */
function notifications(
  body: VoicemailBody,
  calledNumber: string,
  mailboxName: string,
  durationSecs: number,
  transcription: string | null,
): NewOutboundMessage[] {
  const caller = body.callerNumber || 'an unknown caller';
  const text = `New voicemail in ${mailboxName} from ${caller} (${durationSecs} s).${transcription ? ` “${transcription}”` : ''}`;
  return [
    ...body.notifyEmails.map((recipient) => ({ channel: 'email' as const, recipient, sender: null, subject: `New voicemail from ${caller}`, body: text })),
    ...body.notifySms.map((recipient) => ({ channel: 'sms' as const, recipient, sender: calledNumber, subject: null, body: text })),
  ];
}
