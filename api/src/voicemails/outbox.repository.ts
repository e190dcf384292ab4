import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutboundMessage } from './voicemails.repository';

/** A message claimed for one try. */
export type ClaimedMessage = Pick<OutboundMessage, 'id' | 'channel' | 'recipient' | 'sender' | 'subject' | 'body' | 'attempts'>;

/** The outbox's delivery bookkeeping: claims due messages for one sender and records what became of each try. */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due messages of `channels`, oldest due first, counting one more try for each. Rows another
   * API instance is claiming are skipped (SKIP LOCKED); a claimed message is due again after `leaseSecs` if its
   * sender died before recording the outcome.
   */
  async claimDue(channels: ReadonlyArray<OutboundMessage['channel']>, limit: number, leaseSecs: number): Promise<ClaimedMessage[]> {
    if (channels.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [ClaimedMessage[], number] = await this.dataSource.query(
      `UPDATE outbound_messages m
       SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
       WHERE m.id IN (
         SELECT id FROM outbound_messages
         WHERE status IN ('outbox', 'sending') AND next_attempt_at <= now() AND channel = ANY($1)
         ORDER BY next_attempt_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       RETURNING m.id, m.channel, m.recipient, m.sender, m.subject, m.body, m.attempts`,
      [channels, limit, leaseSecs],
    );
    return rows;
  }

  async markSent(id: string, transportMessageId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbound_messages SET status = 'sent', sent_at = now(), last_error = NULL, transport_message_id = $2 WHERE id = $1`,
      [id, transportMessageId],
    );
  }

  /** Back to the outbox, due again in `delayMs`. */
  async markRetry(id: string, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbound_messages SET status = 'outbox', last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
      [id, error, delayMs / 1000],
    );
  }

  /** Given up: never tried again. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_messages SET status = 'failed', last_error = $2 WHERE id = $1`, [id, error]);
  }

  /** Notes on waiting messages of `channel` not noted yet why they wait; returns how many it noted. */
  async noteWaiting(channel: OutboundMessage['channel'], reason: string): Promise<number> {
    const [, noted]: [unknown[], number] = await this.dataSource.query(
      `UPDATE outbound_messages SET last_error = $2 WHERE channel = $1 AND status = 'outbox' AND last_error IS DISTINCT FROM $2`,
      [channel, reason],
    );
    return noted;
  }
}
