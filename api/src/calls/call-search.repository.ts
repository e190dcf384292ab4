import { Inject, Injectable } from '@nestjs/common';
import type { CallPage, CallResult, CallSearchQuery, CallSummary, FlowDocument } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { keysetPage, microsOf, olderThanCursor } from './keyset-cursor';

/** Whose calls a query may see: a tenant's, and when `agentId` is set only those offered to (or answered by) that agent. */
export interface CallScope {
  tenantId: string;
  agentId: string | null;
}

export interface CallVersion {
  flowId: string;
  flowName: string | null;
  versionId: string;
  versionNumber: number;
  document: FlowDocument;
}

interface CallRow {
  id: string;
  workflow_id: string;
  from_number: string;
  to_number: string;
  flow_id: string;
  flow_name: string | null;
  flow_version_id: string;
  version_number: number | null;
  started_at: Date;
  ended_at: Date | null;
  outcome: CallResult | null;
  outcome_node: string | null;
  outcome_reason: string | null;
  queue_id: string | null;
  wait_started_at: Date | null;
  answered_at: Date | null;
  answered_agent_id: string | null;
  conversation_ended_at: Date | null;
  cursor_micros: string;
}

const CALL_COLUMNS = `c.id, c.workflow_id, c.from_number, c.to_number, c.flow_id, f.name AS flow_name, c.flow_version_id,
  v.number AS version_number, c.started_at, c.ended_at, c.outcome, c.outcome_node, c.outcome_reason, c.queue_id,
  c.wait_started_at, c.answered_at, c.answered_agent_id, c.conversation_ended_at, ${microsOf('c.started_at')} AS cursor_micros`;
const NAMES = 'LEFT JOIN flows f ON f.id = c.flow_id LEFT JOIN flow_versions v ON v.id = c.flow_version_id';

const secondsBetween = (from: Date | null, to: Date | null): number | null =>
  from === null || to === null ? null : Math.max(0, (to.getTime() - from.getTime()) / 1000);

function toSummary(row: CallRow): CallSummary {
  const outcome: CallSummary['outcome'] = row.outcome === null ? null : { result: row.outcome, node: row.outcome_node, reason: row.outcome_reason ?? '' };
  return {
    id: row.id,
    from: row.from_number,
    to: row.to_number,
    flowId: row.flow_id,
    flowName: row.flow_name,
    flowVersionId: row.flow_version_id,
    flowVersionNumber: row.version_number,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    status: row.ended_at === null ? 'running' : 'ended',
    outcome,
    queueId: row.queue_id,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answeredByAgentId: row.answered_agent_id,
    waitSecs: secondsBetween(row.wait_started_at, row.answered_at ?? row.ended_at),
    handleSecs: secondsBetween(row.answered_at, row.conversation_ended_at ?? row.ended_at),
  };
}

/** A call as the API shows it, with what the replay needs to find its workflow. */
export type FoundCall = CallSummary & { workflowId: string };

/** Reads of the call log for people (the worker's writes are CallsRepository's). */
@Injectable()
export class CallSearchRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Newest first, keyset-paged on (started_at, id). With an agent in scope (or asked for), the agent's own index
   * drives the query; otherwise the tenant's index for the most selective filter given.
   */
  async search(scope: CallScope, query: CallSearchQuery): Promise<CallPage> {
    const agentId = scope.agentId ?? query.agentId ?? null;
    if (scope.agentId !== null && query.agentId !== undefined && query.agentId !== scope.agentId) return { calls: [], nextCursor: null };
    const params: unknown[] = [scope.tenantId];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    // The keyset columns: the agent index's copies when it drives the query.
    const [at, id] = agentId === null ? ['c.started_at', 'c.id'] : ['ca.started_at', 'ca.call_id'];
    const where = [agentId === null ? 'c.tenant_id = $1' : `ca.tenant_id = $1 AND ca.agent_id = ${param(agentId)}`];
    if (query.since !== undefined) where.push(`${at} >= ${param(query.since)}`);
    if (query.until !== undefined) where.push(`${at} < ${param(query.until)}`);
    if (query.called !== undefined) where.push(`c.to_number = ${param(query.called)}`);
    if (query.caller !== undefined) where.push(`c.from_number = ${param(query.caller)}`);
    if (query.flowId !== undefined) where.push(`c.flow_id = ${param(query.flowId)}`);
    if (query.flowVersionId !== undefined) where.push(`c.flow_version_id = ${param(query.flowVersionId)}`);
    if (query.outcome !== undefined) where.push(`c.outcome = ${param(query.outcome)}`);
    if (query.status !== undefined) where.push(query.status === 'running' ? 'c.ended_at IS NULL' : 'c.ended_at IS NOT NULL');
    if (query.cursor !== undefined) where.push(olderThanCursor(query.cursor, at, id, params));
    const from = agentId === null ? 'calls c' : 'call_agents ca JOIN calls c ON c.id = ca.call_id';
    const rows: CallRow[] = await this.dataSource.query(
      `SELECT ${CALL_COLUMNS} FROM ${from} ${NAMES} WHERE ${where.join(' AND ')} ORDER BY ${at} DESC, ${id} DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = keysetPage(rows, query.limit);
    return { calls: page.rows.map(toSummary), nextCursor: page.nextCursor };
  }

  async find(scope: CallScope, callId: string): Promise<FoundCall | null> {
    const params: unknown[] = [callId, scope.tenantId];
    const offered = scope.agentId === null ? '' : 'AND EXISTS (SELECT 1 FROM call_agents ca WHERE ca.call_id = c.id AND ca.agent_id = $3)';
    if (scope.agentId !== null) params.push(scope.agentId);
    const rows: CallRow[] = await this.dataSource.query(`SELECT ${CALL_COLUMNS} FROM calls c ${NAMES} WHERE c.id = $1 AND c.tenant_id = $2 ${offered}`, params);
    const row = rows[0];
    return row ? { ...toSummary(row), workflowId: row.workflow_id } : null;
  }

  /** The flow version a call ran on, as it was published. */
  async version(tenantId: string, versionId: string): Promise<CallVersion | null> {
    const rows: Array<{ flow_id: string; flow_name: string | null; number: number; document: FlowDocument }> = await this.dataSource.query(
      `SELECT v.flow_id, f.name AS flow_name, v.number, v.document
         FROM flow_versions v LEFT JOIN flows f ON f.id = v.flow_id
        WHERE v.id = $1 AND v.tenant_id = $2`,
      [versionId, tenantId],
    );
    const row = rows[0];
    return row ? { flowId: row.flow_id, flowName: row.flow_name, versionId, versionNumber: row.number, document: row.document } : null;
  }
}
