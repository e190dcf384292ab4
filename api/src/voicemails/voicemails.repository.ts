import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboundMessageEntity, type OutboundMessageStatus } from './outbound-message.entity';
import { VoicemailEntity } from './voicemail.entity';

export interface NewVoicemail {
  tenantId: string;
  callId: string;
  mailboxId: string;
  callerNumber: string;
  durationSecs: number;
  recordingUrl: string;
  audio: Buffer;
  contentType: string;
  transcription: string | null;
}

export interface Voicemail extends NewVoicemail {
  id: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface OutboundMessage {
  id: string;
  tenantId: string;
  channel: 'email' | 'sms';
  recipient: string;
  /** The number an SMS goes out from; null for e-mail. */
  sender: string | null;
  subject: string | null;
  body: string;
  status: OutboundMessageStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  transportMessageId: string | null;
  voicemailId: string | null;
  createdAt: Date;
}

export type NewOutboundMessage = Pick<OutboundMessage, 'channel' | 'recipient' | 'sender' | 'subject' | 'body'>;

@Injectable()
export class VoicemailsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The voicemail already stored for this call's recording (a retried save), if any. */
  async findIdByRecording(callId: string, recordingUrl: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(VoicemailEntity).findOne({ select: { id: true }, where: { callId, recordingUrl } });
    return row?.id ?? null;
  }

  /** Stores the voicemail and its notifications together; a second save of the same recording returns the first id. */
  async save(voicemail: NewVoicemail, notifications: readonly NewOutboundMessage[]): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .getRepository(VoicemailEntity)
        .createQueryBuilder()
        .insert()
        .values(voicemail)
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (id === undefined) {
        const existing = await manager.getRepository(VoicemailEntity).findOneOrFail({
          select: { id: true },
          where: { callId: voicemail.callId, recordingUrl: voicemail.recordingUrl },
        });
        return existing.id;
      }
      if (notifications.length > 0) {
        await manager
          .getRepository(OutboundMessageEntity)
          .insert(notifications.map((message) => ({ ...message, tenantId: voicemail.tenantId, status: 'outbox' as const, voicemailId: id })));
      }
      return id;
    });
  }

  async findVoicemail(id: string): Promise<Voicemail | null> {
    const entity = await this.dataSource.getRepository(VoicemailEntity).findOneBy({ id });
    if (!entity) return null;
    const { tenantId, callId, mailboxId, callerNumber, durationSecs, recordingUrl, audio, contentType, transcription, createdAt, readAt } = entity;
    return { id, tenantId, callId, mailboxId, callerNumber, durationSecs, recordingUrl, audio, contentType, transcription, createdAt, readAt };
  }

  async outboundMessages(voicemailId: string): Promise<OutboundMessage[]> {
    const rows = await this.dataSource
      .getRepository(OutboundMessageEntity)
      .find({ where: { voicemailId }, order: { channel: 'ASC', recipient: 'ASC' } });
    return rows.map(({ id, tenantId, channel, recipient, sender, subject, body, status, attempts, lastError, sentAt, transportMessageId, createdAt }) => ({
      id,
      tenantId,
      channel,
      recipient,
      sender,
      subject,
      body,
      status,
      attempts,
      lastError,
      sentAt,
      transportMessageId,
      voicemailId,
      createdAt,
    }));
  }
}
