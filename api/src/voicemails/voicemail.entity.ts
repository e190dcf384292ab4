import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'voicemails' })
export class VoicemailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId: string;

  @Column({ name: 'mailbox_id', type: 'text' })
  mailboxId: string;

  @Column({ name: 'caller_number', type: 'text' })
  callerNumber: string;

  @Column({ name: 'duration_secs', type: 'integer' })
  durationSecs: number;

  /** The carrier's (short-lived) URL the audio was fetched from; with call_id, what makes a save idempotent. */
  @Column({ name: 'recording_url', type: 'text' })
  recordingUrl: string;

  @Column({ type: 'bytea' })
  audio: Buffer;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'text', nullable: true })
  transcription: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
