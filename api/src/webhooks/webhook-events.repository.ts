import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';
import type { WebhookEventStatus } from './webhook-event.entity';

/** Failed attempts after which an event is parked in dead_letters (and acknowledged) instead of retried. */
export const DEAD_LETTER_AFTER_ATTEMPTS = 5;

/**
 * A claim older than this is void: the API instance that made it died before it could finish (routing one event
 * takes a few seconds at most: the Temporal call has a 3 s deadline), and the next delivery may claim the event.
 */
export const CLAIM_LEASE_SECS = 15;

export type Claim =
  /** This delivery processes the event (`attempts`: deliveries that claimed it so far, this one included). */
  | { kind: 'claimed'; attempts: number }
  /** Processed already: acknowledged and dropped. */
  | { kind: 'duplicate' }
  /** Another delivery of the event is being processed right now. */
  | { kind: 'in-flight' }
  /** Parked in dead_letters until an admin re-drives it. */
  | { kind: 'dead-lettered' };

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
   * Claims an event for the delivery at hand, before anything is routed: a new id is inserted, a failed one (or one
   * whose claim expired) is claimed again with one more attempt. Only the delivery holding the claim signals the
   * workflow, so concurrent copies of one event cannot each signal it.
   */
  async claim(eventId: string, eventType: string, callSessionId: string | null): Promise<Claim> {
    const rows: Array<{ attempts: number }> = await this.dataSource.query(
      `INSERT INTO webhook_events (event_id, event_type, call_session_id, status, attempts) VALUES ($1, $2, $3, 'received', 1)
       ON CONFLICT (event_id) DO UPDATE SET attempts = webhook_events.attempts + 1, status = 'received', claimed_at = now()
       WHERE (webhook_events.status = 'failed' OR (webhook_events.status = 'received' AND webhook_events.claimed_at < now() - make_interval(secs => $4)))
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.event_id = webhook_events.event_id AND d.redriven_at IS NULL)
       RETURNING attempts`,
      [eventId, eventType, callSessionId, CLAIM_LEASE_SECS],
    );
    const claimed = rows[0];
    if (claimed) return { kind: 'claimed', attempts: claimed.attempts };
    const [existing]: Array<{ status: WebhookEventStatus; parked: boolean }> = await this.dataSource.query(
      `SELECT status, EXISTS (SELECT 1 FROM dead_letters d WHERE d.event_id = w.event_id AND d.redriven_at IS NULL) AS parked
       FROM webhook_events w WHERE event_id = $1`,
      [eventId],
    );
    if (existing?.parked) return { kind: 'dead-lettered' };
    // A claim released (failed) between the two statements is in flight too: asking again claims it.
    return existing?.status === 'processed' ? { kind: 'duplicate' } : { kind: 'in-flight' };
  }

  /** Records an event no workflow acts on, processed as it arrives: there is nothing to retry. */
  async recordUnsignalled(eventId: string, eventType: string, callSessionId: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO webhook_events (event_id, event_type, call_session_id, status, attempts, processed_at) VALUES ($1, $2, $3, 'processed', 1, now())
       ON CONFLICT (event_id) DO NOTHING`,
      [eventId, eventType, callSessionId],
    );
  }

  async markProcessed(eventId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_events SET status = 'processed', processed_at = now(), last_error = NULL WHERE event_id = $1`,
      [eventId],
    );
  }

  /**
   * Records a failed attempt and releases the claim, so the carrier's redelivery is processed; from the
   * DEAD_LETTER_AFTER_ATTEMPTS-th on, also parks the delivery body in dead_letters. Returns whether it did.
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
