import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'flow_versions' })
export class FlowVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'flow_id', type: 'uuid' })
  flowId: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'jsonb' })
  document: unknown;

  /** compileFlow's output for `document`; written only by FlowsRepository.publishVersion. */
  @Column({ type: 'jsonb' })
  program: unknown;

  @Column({ type: 'text' })
  notes: string;

  /** The user who published it; null for the system (seeding) or a user since removed. */
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
