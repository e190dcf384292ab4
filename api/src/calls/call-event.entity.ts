import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One step-record entry of a call (a TraceEvent: `detail` holds its fields other than at, type and node). */
@Entity({ name: 'call_events' })
export class CallEventEntity {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' })
  callId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text', nullable: true })
  node: string | null;

  @Column({ type: 'jsonb' })
  detail: object;
}
