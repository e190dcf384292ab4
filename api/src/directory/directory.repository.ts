import { Inject, Injectable } from '@nestjs/common';
import {
  AgentSchema,
  MailboxSchema,
  QueueSchema,
  RingGroupSchema,
  ScheduleSchema,
  type Agent,
  type DirectorySnapshot,
  type Queue,
  type RoutingMemory,
} from '@callflow/schemas';
import { DataSource, In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { AgentEntity, QueueEntity } from './directory-record.entity';
import { RoutingMemoryEntity } from './routing-memory.entity';

/** One table per directory entity kind, named by the DirectorySnapshot key it fills. */
const DIRECTORY_TABLES = {
  agents: { table: 'agents', schema: AgentSchema, noun: 'agent' },
  ringGroups: { table: 'ring_groups', schema: RingGroupSchema, noun: 'ring group' },
  queues: { table: 'queues', schema: QueueSchema, noun: 'queue' },
  mailboxes: { table: 'mailboxes', schema: MailboxSchema, noun: 'mailbox' },
  schedules: { table: 'schedules', schema: ScheduleSchema, noun: 'schedule' },
} as const;

export type DirectoryKind = keyof typeof DIRECTORY_TABLES;

/** Every directory row of one tenant ($1), tagged with its kind, grouped by kind and sorted by id. */
const SNAPSHOT_SQL =
  (Object.keys(DIRECTORY_TABLES) as DirectoryKind[])
    .map((kind, position) => `SELECT ${position} AS position, '${kind}' AS kind, id, data FROM ${DIRECTORY_TABLES[kind].table} WHERE tenant_id = $1`)
    .join(' UNION ALL ') + ' ORDER BY position, id';
export type DirectoryRecord<K extends DirectoryKind> = DirectorySnapshot[K][number];

function parseRecord<K extends DirectoryKind>(kind: K, tenantId: string, data: unknown): DirectoryRecord<K> {
  const { schema, noun } = DIRECTORY_TABLES[kind];
  const result = schema.safeParse(data);
  if (!result.success) {
    const id = typeof data === 'object' && data !== null && 'id' in data ? String(data.id) : '?';
    throw new Error(`Stored ${noun} "${id}" of tenant ${tenantId} is invalid: ${z.prettifyError(result.error)}`);
  }
  return result.data as DirectoryRecord<K>;
}

@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates or replaces one entity; refuses data its schema rejects. */
  async save<K extends DirectoryKind>(tenantId: string, kind: K, data: unknown): Promise<DirectoryRecord<K>> {
    const { schema, table, noun } = DIRECTORY_TABLES[kind];
    const result = schema.safeParse(data);
    if (!result.success) throw new Error(`Invalid ${noun}: ${z.prettifyError(result.error)}`);
    const record = result.data as DirectoryRecord<K>;
    await this.dataSource.query(
      `INSERT INTO ${table} (tenant_id, id, data) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
      [tenantId, record.id, record],
    );
    return record;
  }

  /** Everything routing needs for the tenant, as stored right now (one round trip). */
  async snapshot(tenantId: string, manager: EntityManager = this.dataSource.manager): Promise<DirectorySnapshot> {
    const rows: Array<{ kind: DirectoryKind; data: unknown }> = await manager.query(SNAPSHOT_SQL, [tenantId]);
    const snapshot: DirectorySnapshot = { agents: [], ringGroups: [], queues: [], mailboxes: [], schedules: [] };
    for (const row of rows) (snapshot[row.kind] as unknown[]).push(parseRecord(row.kind, tenantId, row.data));
    return snapshot;
  }

  /** The queue and its member agents, or null when the tenant has no such queue. */
  async queueWithMembers(tenantId: string, queueId: string): Promise<{ queue: Queue; agents: Agent[] } | null> {
    const row = await this.dataSource.getRepository(QueueEntity).findOneBy({ tenantId, id: queueId });
    if (!row) return null;
    const queue = parseRecord('queues', tenantId, row.data);
    const agentRows =
      queue.members.length === 0 ? [] : await this.dataSource.getRepository(AgentEntity).findBy({ tenantId, id: In(queue.members) });
    const byId = new Map(agentRows.map((agentRow) => [agentRow.id, parseRecord('agents', tenantId, agentRow.data)]));
    return { queue, agents: queue.members.flatMap((id) => byId.get(id) ?? []) };
  }

  /**
   * Runs `decide` on the tenant's directory and routing memory inside one transaction, and stores the memory it
   * returns. Concurrent calls of one tenant queue up on the tenant row's lock, so each sees the memory the previous
   * one wrote (two calls to a round-robin group never start with the same agent). The tenant row is locked rather
   * than routing_memory rows because which memory key a request touches is only known after resolving it (an
   * extension may name a ring group; agent lists get a derived key). Null when the tenant does not exist.
   */
  async withRoutingMemory<T>(
    tenantId: string,
    decide: (directory: DirectorySnapshot, memory: RoutingMemory) => { value: T; memory: RoutingMemory },
  ): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const tenant: unknown[] = await manager.query('SELECT id FROM tenants WHERE id = $1 FOR NO KEY UPDATE', [tenantId]);
      if (tenant.length === 0) return null;
      const directory = await this.snapshot(tenantId, manager);
      const rows = await manager.find(RoutingMemoryEntity, { where: { tenantId } });
      const before = new Map(rows.map((row) => [row.groupId, row.lastAgentId]));
      const memory: RoutingMemory = { lastAgentIdByGroup: Object.fromEntries(before) };
      const decided = decide(directory, memory);
      for (const [groupId, lastAgentId] of Object.entries(decided.memory.lastAgentIdByGroup)) {
        if (before.get(groupId) === lastAgentId) continue;
        await manager.query(
          `INSERT INTO routing_memory (tenant_id, group_id, last_agent_id) VALUES ($1, $2, $3)
           ON CONFLICT (tenant_id, group_id) DO UPDATE SET last_agent_id = EXCLUDED.last_agent_id, updated_at = now()`,
          [tenantId, groupId, lastAgentId],
        );
      }
      return decided.value;
    });
  }

  /** Whether the tenant exists (a directory with no entities is still a directory). */
  async tenantExists(tenantId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    return rows.length > 0;
  }
}
