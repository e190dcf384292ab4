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

/** Fields the running calls maintain: configuration writes through the API keep the stored values. */
const RUNTIME_FIELDS: Record<DirectoryKind, readonly string[]> = {
  agents: ['activeCalls', 'lastCallEndedAt'],
  ringGroups: [],
  queues: [],
  mailboxes: [],
  schedules: [],
};

/** A flow document (a draft or the active version's) that may reference a directory entity. */
export interface FlowDocumentUse {
  flowId: string;
  flowName: string;
  /** null for the draft. */
  versionNumber: number | null;
  document: unknown;
}

/** Directory reads and writes inside one transaction that holds the tenant's directory lock (see `edit`). */
export interface DirectoryEditor {
  snapshot(): Promise<DirectorySnapshot>;
  insert<K extends DirectoryKind>(kind: K, record: DirectoryRecord<K>): Promise<DirectoryRecord<K>>;
  /** Replaces the record's configuration; runtime fields keep their stored values. Null when it does not exist. */
  replace<K extends DirectoryKind>(kind: K, record: DirectoryRecord<K>): Promise<DirectoryRecord<K> | null>;
  remove(kind: DirectoryKind, id: string): Promise<void>;
  /** Drafts and active versions of the tenant's flows whose JSON contains `id` as a string value (a superset of those referencing it). */
  flowDocumentsMentioning(id: string): Promise<FlowDocumentUse[]>;
}

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

function validRecord<K extends DirectoryKind>(kind: K, data: unknown): DirectoryRecord<K> {
  const { schema, noun } = DIRECTORY_TABLES[kind];
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`Invalid ${noun}: ${z.prettifyError(result.error)}`);
  return result.data as DirectoryRecord<K>;
}

@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates or replaces one entity; refuses data its schema rejects. */
  async save<K extends DirectoryKind>(tenantId: string, kind: K, data: unknown): Promise<DirectoryRecord<K>> {
    const record = validRecord(kind, data);
    const { table } = DIRECTORY_TABLES[kind];
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

  async list<K extends DirectoryKind>(tenantId: string, kind: K): Promise<Array<DirectoryRecord<K>>> {
    const rows: Array<{ data: unknown }> = await this.dataSource.query(
      `SELECT data FROM ${DIRECTORY_TABLES[kind].table} WHERE tenant_id = $1 ORDER BY lower(data ->> 'name'), id`,
      [tenantId],
    );
    return rows.map((row) => parseRecord(kind, tenantId, row.data));
  }

  async find<K extends DirectoryKind>(tenantId: string, kind: K, id: string): Promise<DirectoryRecord<K> | null> {
    const rows: Array<{ data: unknown }> = await this.dataSource.query(
      `SELECT data FROM ${DIRECTORY_TABLES[kind].table} WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] === undefined ? null : parseRecord(kind, tenantId, rows[0].data);
  }

  /**
   * Runs `work` in one transaction holding the tenant's directory lock (a transaction-scoped advisory lock), so the
   * checks a write makes against the rest of the directory (extensions, references) still hold when it commits.
   */
  async edit<T>(tenantId: string, work: (editor: DirectoryEditor) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`directory:${tenantId}`]);
      return work(this.editor(tenantId, manager));
    });
  }

  private editor(tenantId: string, manager: EntityManager): DirectoryEditor {
    return {
      snapshot: () => this.snapshot(tenantId, manager),
      insert: async (kind, data) => {
        const record = validRecord(kind, data);
        await manager.query(`INSERT INTO ${DIRECTORY_TABLES[kind].table} (tenant_id, id, data) VALUES ($1, $2, $3)`, [tenantId, record.id, record]);
        return record;
      },
      replace: async (kind, data) => {
        const record = validRecord(kind, data);
        const kept = RUNTIME_FIELDS[kind].map((field) => `'${field}', data -> '${field}'`).join(', ');
        const [rows]: [Array<{ data: unknown }>, number] = await manager.query(
          `UPDATE ${DIRECTORY_TABLES[kind].table} SET data = $3::jsonb${kept === '' ? '' : ` || jsonb_build_object(${kept})`}, updated_at = now()
           WHERE tenant_id = $1 AND id = $2 RETURNING data`,
          [tenantId, record.id, record],
        );
        return rows[0] === undefined ? null : parseRecord(kind, tenantId, rows[0].data);
      },
      remove: async (kind, id) => {
        await manager.query(`DELETE FROM ${DIRECTORY_TABLES[kind].table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      },
      flowDocumentsMentioning: async (id) => {
        // jsonb renders string values JSON-quoted, so the quoted id only matches a whole string (or key) equal to it.
        const rows: Array<{ flow_id: string; flow_name: string; version_number: number | null; document: unknown }> = await manager.query(
          `SELECT f.id AS flow_id, f.name AS flow_name, NULL::integer AS version_number, f.draft AS document
           FROM flows f WHERE f.tenant_id = $1 AND strpos(f.draft::text, $2) > 0
           UNION ALL
           SELECT f.id, f.name, v.number, v.document
           FROM flows f JOIN flow_versions v ON v.id = f.active_version_id
           WHERE f.tenant_id = $1 AND strpos(v.document::text, $2) > 0
           ORDER BY flow_name, flow_id, version_number NULLS FIRST`,
          [tenantId, JSON.stringify(id)],
        );
        return rows.map((row) => ({ flowId: row.flow_id, flowName: row.flow_name, versionNumber: row.version_number, document: row.document }));
      },
    };
  }

  /** Whether the tenant exists (a directory with no entities is still a directory). */
  async tenantExists(tenantId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId]);
    return rows.length > 0;
  }
}
