import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where an outbound message stands: waiting (or back after a failed try), being sent, sent, given up. */
export type OutboundMessageStatus = 'outbox' | 'sending' | 'sent' | 'failed';

/** An e-mail or SMS the product sends (voicemail notifications…); NotificationSender delivers it from this outbox. */
@Entity({ name: 'outbound_messages' })
export class OutboundMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  channel: 'email' | 'sms';

  /** E-mail address or E.164 number. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  body: string;

  /** The number an SMS is sent from (the number the caller dialled); null for e-mail. */
  @Column({ type: 'text', nullable: true })
  sender: string | null;

  @Column({ type: 'text' })
  status: OutboundMessageStatus;

  /** Tries so far. */
  @Column({ type: 'integer' })
  attempts: number;

  /** When the message is due (status outbox), or when a try in progress is given up for lost (status sending). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  /** Why the last try failed, or why the message waits (no e-mail transport configured). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The carrier's message id (SMS) or the SMTP Message-ID (e-mail). */
  @Column({ name: 'transport_message_id', type: 'text', nullable: true })
  transportMessageId: string | null;

  @Column({ name: 'voicemail_id', type: 'uuid', nullable: true })
  voicemailId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
