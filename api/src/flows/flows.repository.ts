import { Inject, Injectable } from '@nestjs/common';
import { compileFlow, type Diagnostic, type ValidationContext } from '@callflow/engine';
import type { FlowSummary, FlowVersionSummary, Program } from '@callflow/schemas';
import { DataSource, type EntityManager } from 'typeorm';
import { DirectoryRepository } from '../directory/directory.repository';
import { FlowVersionEntity } from './flow-version.entity';
import { FlowEntity } from './flow.entity';

export interface StoredFlow {
  id: string;
  tenantId: string;
  name: string;
  draft: unknown;
  draftRevision: number;
  activeVersionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PublishedVersion {
  id: string;
  flowId: string;
  number: number;
  notes: string;
  program: Program;
  createdAt: Date;
  /** Warnings and hints from compiling (a version with errors is never published). */
  diagnostics: Diagnostic[];
}

export interface PublishOptions {
  /** The user publishing (null: the system, e.g. seeding). */
  publishedBy?: string | null;
  /** Refuses (DraftConflictError) unless the draft is still at this revision: what the publisher reviewed is what gets published. */
  expectedRevision?: number;
  /** Runs inside this transaction (e.g. to audit in the same one) instead of a new one. */
  manager?: EntityManager;
}

/** A published version with its document and program. */
export interface StoredVersion extends FlowVersionSummary {
  document: unknown;
  program: Program;
}

/** What an inbound call to a number runs: the number's flow at its active version, and the sub-flows it can go to. */
export type NumberRoute =
  | {
      status: 'ok';
      tenantId: string;
      flowId: string;
      flowVersionId: string;
      versionNumber: number;
      program: Program;
      /** Active programs of the flows reachable through go-to nodes (transitively), by flow id. */
      subflows: Record<string, Program>;
    }
  | { status: 'unknown-number' }
  | { status: 'no-flow'; tenantId: string }
  | { status: 'no-active-version'; tenantId: string; flowId: string };

export class FlowNotFoundError extends Error {
  constructor(flowId: string) {
    super(`Flow ${flowId} does not exist for this tenant.`);
  }
}

export class PublishRefusedError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    super(`The flow has ${errors.length} error(s) and was not published: ${errors.map((error) => error.message).join('; ')}`);
  }
}

export class DraftConflictError extends Error {
  constructor(readonly currentRevision: number) {
    super(`The draft changed meanwhile (now at revision ${currentRevision}); reload it before saving or publishing.`);
  }
}

export class VersionNotFoundError extends Error {
  constructor(flowId: string, versionNumber: number) {
    super(`Flow ${flowId} has no version ${versionNumber}.`);
  }
}

export class VersionAlreadyActiveError extends Error {
  constructor(versionNumber: number) {
    super(`Version ${versionNumber} is already the active version.`);
  }
}

/** A flow that calls can still reach: assigned to numbers, or the go-to target of another flow's active version. */
export class FlowInUseError extends Error {}

function toStoredFlow(entity: FlowEntity): StoredFlow {
  const { id, tenantId, name, draft, draftRevision, activeVersionId, createdAt, updatedAt } = entity;
  return { id, tenantId, name, draft, draftRevision, activeVersionId, createdAt, updatedAt };
}

interface VersionRow {
  id: string;
  number: number;
  notes: string;
  created_at: Date;
  published_by: string | null;
  publisher_name: string | null;
  active: boolean;
}

const VERSION_COLUMNS = 'v.id, v.number, v.notes, v.created_at, v.published_by, u.name AS publisher_name, f.active_version_id IS NOT DISTINCT FROM v.id AS active';
const VERSION_SOURCE = 'flow_versions v JOIN flows f ON f.id = v.flow_id LEFT JOIN users u ON u.id = v.published_by';

function toVersionSummary(row: VersionRow): FlowVersionSummary {
  return {
    id: row.id,
    number: row.number,
    notes: row.notes,
    publishedBy: row.published_by === null ? null : { userId: row.published_by, name: row.publisher_name ?? '' },
    publishedAt: row.created_at.toISOString(),
    active: row.active,
  };
}

// Programs are written only by publishVersion, from compileFlow's output: they are trusted when read back.
const asProgram = (json: unknown): Program => json as Program;

@Injectable()
export class FlowsRepository {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DirectoryRepository) private readonly directory: DirectoryRepository,
  ) {}

  async createFlow(tenantId: string, name: string, draft: unknown): Promise<StoredFlow> {
    const saved = await this.dataSource.getRepository(FlowEntity).save({ tenantId, name, draft, draftRevision: 1, activeVersionId: null });
    return toStoredFlow(saved);
  }

  async findFlow(tenantId: string, flowId: string): Promise<StoredFlow | null> {
    const entity = await this.dataSource.getRepository(FlowEntity).findOneBy({ tenantId, id: flowId });
    return entity ? toStoredFlow(entity) : null;
  }

  /** What references in the tenant's flows are checked against: its directory and its flows. */
  async validationContext(tenantId: string, manager: EntityManager = this.dataSource.manager): Promise<ValidationContext> {
    const directory = await this.directory.snapshot(tenantId, manager);
    const flowIds = await manager.getRepository(FlowEntity).find({ select: { id: true }, where: { tenantId } });
    return { directory, knownFlowIds: flowIds.map((row) => row.id) };
  }

  /** Replaces the draft if nobody saved since `expectedRevision` (optimistic concurrency); returns the new revision. */
  async saveDraft(tenantId: string, flowId: string, draft: unknown, expectedRevision: number): Promise<number> {
    const [rows]: [Array<{ draft_revision: number }>, number] = await this.dataSource.query(
      `UPDATE flows SET draft = $1, draft_revision = draft_revision + 1, updated_at = now()
       WHERE tenant_id = $2 AND id = $3 AND draft_revision = $4 RETURNING draft_revision`,
      [JSON.stringify(draft), tenantId, flowId, expectedRevision],
    );
    const updated = rows[0];
    if (updated) return updated.draft_revision;
    const current = await this.findFlow(tenantId, flowId);
    if (!current) throw new FlowNotFoundError(flowId);
    throw new DraftConflictError(current.draftRevision);
  }

  /**
   * Compiles the current draft against the tenant's directory and flows and stores it as the next immutable
   * version, which becomes the active one. Refuses (PublishRefusedError, with the diagnostics) when it has errors.
   */
  async publishVersion(tenantId: string, flowId: string, notes = '', options: PublishOptions = {}): Promise<PublishedVersion> {
    const publish = async (manager: EntityManager): Promise<PublishedVersion> => {
      // Locks the flow: concurrent publishes get consecutive numbers and see each other's active version.
      const flow = await this.lockFlow(manager, tenantId, flowId);
      if (options.expectedRevision !== undefined && flow.draftRevision !== options.expectedRevision) throw new DraftConflictError(flow.draftRevision);
      const compiled = compileFlow(flow.draft, { flowId, ...(await this.validationContext(tenantId, manager)) });
      if (!compiled.ok) throw new PublishRefusedError(compiled.diagnostics);
      const [last]: Array<{ number: number | null }> = await manager.query(
        'SELECT max(number) AS number FROM flow_versions WHERE flow_id = $1',
        [flowId],
      );
      const version = await manager.getRepository(FlowVersionEntity).save({
        flowId,
        tenantId,
        number: (last?.number ?? 0) + 1,
        document: flow.draft,
        program: compiled.program,
        notes,
        publishedBy: options.publishedBy ?? null,
      });
      await manager.getRepository(FlowEntity).update({ id: flowId }, { activeVersionId: version.id });
      return {
        id: version.id,
        flowId,
        number: version.number,
        notes: version.notes,
        program: compiled.program,
        createdAt: version.createdAt,
        diagnostics: compiled.diagnostics,
      };
    };
    return options.manager ? publish(options.manager) : this.dataSource.transaction(publish);
  }

  /**
   * Makes the version numbered `versionNumber` the active one (rollback, or roll forward again), under the flow's
   * lock, inside `manager`'s transaction or a new one; calls already running keep the version they started on.
   * Returns the version numbers from and to.
   */
  async activateVersion(tenantId: string, flowId: string, versionNumber: number, manager?: EntityManager): Promise<{ from: number | null; to: number }> {
    const activate = async (transaction: EntityManager): Promise<{ from: number | null; to: number }> => {
      const flow = await this.lockFlow(transaction, tenantId, flowId);
      const versions = transaction.getRepository(FlowVersionEntity);
      const target = await versions.findOneBy({ flowId, number: versionNumber });
      if (!target) throw new VersionNotFoundError(flowId, versionNumber);
      if (target.id === flow.activeVersionId) throw new VersionAlreadyActiveError(versionNumber);
      const current = flow.activeVersionId === null ? null : await versions.findOneBy({ id: flow.activeVersionId });
      await transaction.query('UPDATE flows SET active_version_id = $2, updated_at = now() WHERE id = $1', [flowId, target.id]);
      return { from: current?.number ?? null, to: target.number };
    };
    return manager ? activate(manager) : this.dataSource.transaction(activate);
  }

  /** The tenant's flows by name, each with its active version and the numbers assigned to it (drafts left out). */
  async listFlows(tenantId: string): Promise<FlowSummary[]> {
    return this.summaries(tenantId, null);
  }

  async flowSummary(tenantId: string, flowId: string): Promise<FlowSummary | null> {
    return (await this.summaries(tenantId, flowId))[0] ?? null;
  }

  async renameFlow(tenantId: string, flowId: string, name: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(FlowEntity).update({ tenantId, id: flowId }, { name });
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the flow and its versions, unless calls can still reach it (FlowInUseError); false if there is no such flow. */
  async deleteFlow(tenantId: string, flowId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The row lock waits for (and then blocks) numbers being assigned to the flow meanwhile.
      const [flow]: Array<{ id: string }> = await manager.query('SELECT id FROM flows WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, flowId]);
      if (!flow) return false;
      const numbers: Array<{ number: string }> = await manager.query('SELECT number FROM phone_numbers WHERE flow_id = $1 ORDER BY number', [flowId]);
      if (numbers.length > 0) {
        throw new FlowInUseError(`The flow answers ${numbers.map((row) => row.number).join(', ')}: assign those numbers to another flow first.`);
      }
      const callers: Array<{ name: string }> = await manager.query(
        `SELECT f.name FROM flows f JOIN flow_versions v ON v.id = f.active_version_id
         WHERE f.tenant_id = $1 AND f.id <> $2 AND v.program -> 'references' @> $3::jsonb ORDER BY f.name`,
        [tenantId, flowId, JSON.stringify([{ type: 'flow', id: flowId }])],
      );
      if (callers.length > 0) {
        throw new FlowInUseError(`The active version of ${callers.map((row) => `“${row.name}”`).join(', ')} goes to this flow: publish them without it first.`);
      }
      await manager.query('DELETE FROM flows WHERE id = $1', [flowId]);
      return true;
    });
  }

  /** The flow's versions, newest first; null if there is no such flow. */
  async listVersions(tenantId: string, flowId: string): Promise<FlowVersionSummary[] | null> {
    if (!(await this.findFlow(tenantId, flowId))) return null;
    const rows: VersionRow[] = await this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM ${VERSION_SOURCE} WHERE v.tenant_id = $1 AND v.flow_id = $2 ORDER BY v.number DESC`, [tenantId, flowId]);
    return rows.map(toVersionSummary);
  }

  async findVersion(tenantId: string, flowId: string, versionNumber: number): Promise<StoredVersion | null> {
    const [row]: Array<VersionRow & { document: unknown; program: unknown }> = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS}, v.document, v.program FROM ${VERSION_SOURCE} WHERE v.tenant_id = $1 AND v.flow_id = $2 AND v.number = $3`,
      [tenantId, flowId, versionNumber],
    );
    return row ? { ...toVersionSummary(row), document: row.document, program: asProgram(row.program) } : null;
  }

  private async lockFlow(manager: EntityManager, tenantId: string, flowId: string): Promise<FlowEntity> {
    const flow = await manager.getRepository(FlowEntity).findOne({ where: { tenantId, id: flowId }, lock: { mode: 'pessimistic_write' } });
    if (!flow) throw new FlowNotFoundError(flowId);
    return flow;
  }

  private async summaries(tenantId: string, flowId: string | null): Promise<FlowSummary[]> {
    const rows: Array<{
      id: string;
      name: string;
      draft_revision: number;
      created_at: Date;
      updated_at: Date;
      version_id: string | null;
      version_number: number | null;
      published_at: Date | null;
      numbers: string[];
    }> = await this.dataSource.query(
      `SELECT f.id, f.name, f.draft_revision, f.created_at, f.updated_at,
              v.id AS version_id, v.number AS version_number, v.created_at AS published_at,
              ARRAY(SELECT pn.number FROM phone_numbers pn WHERE pn.flow_id = f.id ORDER BY pn.number) AS numbers
       FROM flows f LEFT JOIN flow_versions v ON v.id = f.active_version_id
       WHERE f.tenant_id = $1 AND ($2::uuid IS NULL OR f.id = $2)
       ORDER BY lower(f.name), f.created_at`,
      [tenantId, flowId],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      draftRevision: row.draft_revision,
      activeVersion:
        row.version_id === null || row.version_number === null || row.published_at === null
          ? null
          : { id: row.version_id, number: row.version_number, publishedAt: row.published_at.toISOString() },
      numbers: row.numbers,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  /**
   * The flow a call to `number` runs right now, with the programs of the flows it can hand the call to; the call
   * pins all of them for its whole life.
   */
  async resolveNumber(number: string): Promise<NumberRoute> {
    const [row]: Array<{
      tenant_id: string;
      flow_id: string | null;
      active_version_id: string | null;
      version_number: number | null;
      program: unknown;
    }> = await this.dataSource.query(
      `SELECT pn.tenant_id, pn.flow_id, f.active_version_id, v.number AS version_number, v.program
       FROM phone_numbers pn
       LEFT JOIN flows f ON f.id = pn.flow_id
       LEFT JOIN flow_versions v ON v.id = f.active_version_id
       WHERE pn.number = $1`,
      [number],
    );
    if (!row) return { status: 'unknown-number' };
    const tenantId = row.tenant_id;
    if (row.flow_id === null) return { status: 'no-flow', tenantId };
    if (row.active_version_id === null || row.version_number === null) return { status: 'no-active-version', tenantId, flowId: row.flow_id };
    const program = asProgram(row.program);
    return {
      status: 'ok',
      tenantId,
      flowId: row.flow_id,
      flowVersionId: row.active_version_id,
      versionNumber: row.version_number,
      program,
      subflows: await this.activeSubflows(tenantId, program),
    };
  }

  /** Follows go-to-flow references breadth-first; a flow without an active version is left out (the engine ends the call there). */
  private async activeSubflows(tenantId: string, program: Program): Promise<Record<string, Program>> {
    const subflows: Record<string, Program> = {};
    const seen = new Set<string>([program.flowId]);
    let pending = [program];
    while (pending.length > 0) {
      const wanted = [...new Set(pending.flatMap((each) => each.references.filter((ref) => ref.type === 'flow').map((ref) => ref.id)))].filter(
        (id) => !seen.has(id),
      );
      if (wanted.length === 0) break;
      for (const id of wanted) seen.add(id);
      const rows: Array<{ id: string; program: unknown }> = await this.dataSource.query(
        `SELECT f.id, v.program FROM flows f JOIN flow_versions v ON v.id = f.active_version_id
         WHERE f.tenant_id = $1 AND f.id::text = ANY($2::text[])`,
        [tenantId, wanted],
      );
      pending = [];
      for (const row of rows) {
        const subflow = asProgram(row.program);
        subflows[row.id] = subflow;
        pending.push(subflow);
      }
    }
    return subflows;
  }
}
