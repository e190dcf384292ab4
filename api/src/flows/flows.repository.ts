import { Inject, Injectable } from '@nestjs/common';
import { compileFlow, type Diagnostic } from '@callflow/engine';
import type { Program } from '@callflow/schemas';
import { DataSource } from 'typeorm';
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
    super(`The draft changed meanwhile (now at revision ${currentRevision}); reload it before saving.`);
  }
}

function toStoredFlow(entity: FlowEntity): StoredFlow {
  const { id, tenantId, name, draft, draftRevision, activeVersionId, createdAt, updatedAt } = entity;
  return { id, tenantId, name, draft, draftRevision, activeVersionId, createdAt, updatedAt };
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
  async publishVersion(tenantId: string, flowId: string, notes = ''): Promise<PublishedVersion> {
    return this.dataSource.transaction(async (manager) => {
      // Locks the flow: concurrent publishes get consecutive numbers and see each other's active version.
      const flow = await manager.getRepository(FlowEntity).findOne({ where: { tenantId, id: flowId }, lock: { mode: 'pessimistic_write' } });
      if (!flow) throw new FlowNotFoundError(flowId);
      const directory = await this.directory.snapshot(tenantId, manager);
      const flowIds = await manager.getRepository(FlowEntity).find({ select: { id: true }, where: { tenantId } });
      const compiled = compileFlow(flow.draft, { flowId, directory, knownFlowIds: flowIds.map((row) => row.id) });
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
    });
  }

  /** Makes one of the flow's versions the active one (rollback, or roll forward again). */
  async setActiveVersion(tenantId: string, flowId: string, versionId: string): Promise<void> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE flows SET active_version_id = $3, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM flow_versions v WHERE v.id = $3 AND v.flow_id = $2)`,
      [tenantId, flowId, versionId],
    );
    if (affected === 0) throw new Error(`Flow ${flowId} has no version ${versionId}.`);
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
