import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A verified webhook that failed processing too often: kept with its body until an admin re-drives it. */
@Entity({ name: 'dead_letters' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'text', unique: true })
  eventId: string;

  /** The delivery body as received (JSON), signature already verified. */
  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'integer' })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'redriven_at', type: 'timestamptz', nullable: true })
  redrivenAt: Date | null;
}
