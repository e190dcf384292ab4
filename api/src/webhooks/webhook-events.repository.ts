import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';

/** Failed attempts after which an event is parked in dead_letters (and acknowledged) instead of retried. */
export const DEAD_LETTER_AFTER_ATTEMPTS = 5;

export type AttemptRecord = { kind: 'attempt'; attempts: number } | { kind: 'duplicate' } | { kind: 'dead-lettered' };

export interface DeadLetter {
  id: string;
  eventId: string;
  payload: unknown;
  reason: string;
  attempts: number;
  createdAt: Date;
  redrivenAt: Date | null;
}

function toDeadLetter(entity: DeadLetterEntity): DeadLetter {
  const { id, eventId, payload, reason, attempts, createdAt, redrivenAt } = entity;
  return { id, eventId, payload, reason, attempts, createdAt, redrivenAt };
}

@Injectable()
export class WebhookEventsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Records one delivery of an event before it is processed: a new id is inserted, a known one counts another
   * attempt. A processed event is a duplicate; an event parked in dead_letters stays there until re-driven.
   */
  async recordAttempt(eventId: string, eventType: string, callSessionId: string | null): Promise<AttemptRecord> {
    const rows: Array<{ attempts: number }> = await this.dataSource.query(
      `INSERT INTO webhook_events (event_id, event_type, call_session_id, status, attempts) VALUES ($1, $2, $3, 'received', 1)
       ON CONFLICT (event_id) DO UPDATE SET attempts = webhook_events.attempts + 1
       WHERE webhook_events.status <> 'processed'
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.event_id = webhook_events.event_id AND d.redriven_at IS NULL)
       RETURNING attempts`,
      [eventId, eventType, callSessionId],
    );
    const recorded = rows[0];
    if (recorded) return { kind: 'attempt', attempts: recorded.attempts };
    const [existing]: Array<{ status: string }> = await this.dataSource.query('SELECT status FROM webhook_events WHERE event_id = $1', [eventId]);
    return existing?.status === 'processed' ? { kind: 'duplicate' } : { kind: 'dead-lettered' };
  }

  async markProcessed(eventId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_events SET status = 'processed', processed_at = now(), last_error = NULL WHERE event_id = $1`,
      [eventId],
    );
  }

  /**
   * Records a failed attempt; from the DEAD_LETTER_AFTER_ATTEMPTS-th on, also parks the delivery body in
   * dead_letters. Returns whether it did.
   */
  async markFailed(eventId: string, error: string, payload: unknown, attempts: number): Promise<{ deadLettered: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE webhook_events SET status = 'failed', last_error = $2 WHERE event_id = $1`, [eventId, error]);
      if (attempts < DEAD_LETTER_AFTER_ATTEMPTS) return { deadLettered: false };
      await manager.query(
        `INSERT INTO dead_letters (event_id, payload, reason, attempts) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id) DO UPDATE
           SET payload = EXCLUDED.payload, reason = EXCLUDED.reason, attempts = EXCLUDED.attempts, created_at = now(), redriven_at = NULL`,
        [eventId, JSON.stringify(payload), error, attempts],
      );
      return { deadLettered: true };
    });
  }

  /** Dead letters not re-driven yet: one by id, or all of them (oldest first). */
  async pendingDeadLetters(selection: { id: string } | 'all'): Promise<DeadLetter[]> {
    const repository = this.dataSource.getRepository(DeadLetterEntity);
    const where = selection === 'all' ? { redrivenAt: IsNull() } : { id: selection.id, redrivenAt: IsNull() };
    const rows = await repository.find({ where, order: { createdAt: 'ASC' } });
    return rows.map(toDeadLetter);
  }

  async markRedriven(deadLetter: DeadLetter): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE dead_letters SET redriven_at = now() WHERE id = $1', [deadLetter.id]);
      await manager.query(
        `UPDATE webhook_events SET status = 'processed', processed_at = now(), last_error = NULL WHERE event_id = $1`,
        [deadLetter.eventId],
      );
    });
  }

  async recordRedriveFailure(deadLetter: DeadLetter, error: string): Promise<void> {
    await this.dataSource.query('UPDATE dead_letters SET reason = $2, attempts = attempts + 1 WHERE id = $1', [deadLetter.id, error]);
  }
}
