import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `received`: claimed by a delivery being processed; `failed`: the next delivery may claim it. */
export type WebhookEventStatus = 'received' | 'processed' | 'failed';

/** Every accepted carrier event id, recorded before it is acknowledged: the durable dedupe. */
@Entity({ name: 'webhook_events' })
export class WebhookEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'call_session_id', type: 'text', nullable: true })
  callSessionId: string | null;

  @Column({ type: 'text' })
  status: WebhookEventStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** When the delivery processing it now (status `received`) claimed it; a claim older than the lease is void. */
  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
