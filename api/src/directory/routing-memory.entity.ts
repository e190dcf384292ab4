import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Round-robin memory: per ring group (or queue), the agent whose turn it was last. */
@Entity({ name: 'routing_memory' })
export class RoutingMemoryEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'group_id', type: 'text' })
  groupId: string;

  @Column({ name: 'last_agent_id', type: 'text' })
  lastAgentId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
