import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Columns shared by the directory tables: the entity itself is `data`, as its zod schema parses it. */
abstract class DirectoryRecordColumns {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'jsonb' })
  data: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'agents' })
export class AgentEntity extends DirectoryRecordColumns {}

@Entity({ name: 'ring_groups' })
export class RingGroupEntity extends DirectoryRecordColumns {}

@Entity({ name: 'queues' })
export class QueueEntity extends DirectoryRecordColumns {}

@Entity({ name: 'mailboxes' })
export class MailboxEntity extends DirectoryRecordColumns {}

@Entity({ name: 'schedules' })
export class ScheduleEntity extends DirectoryRecordColumns {}
