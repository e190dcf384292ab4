import { Column, Entity, PrimaryColumn } from 'typeorm';

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

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
