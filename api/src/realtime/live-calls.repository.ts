import { Inject, Injectable } from '@nestjs/common';
import type { CallOutcome } from '@callflow/engine';
import type { CallUpdated } from '@callflow/schemas';
import { DataSource } from 'typeorm';

/** A caller waiting in a queue. */
export interface Waiter {
  queueId: string;
  callId: string;
  caller: string;
  joinedAt: Date;
}

export interface LiveCall {
  tenantId: string;
  workflowId: string;
  view: CallUpdated;
}

interface LiveCallRow {
  id: string;
  tenantId: string;
  workflowId: string;
  from: string;
  to: string;
  flowId: string;
  flowName: string | null;
  flowVersionId: string;
  version: number | null;
  startedAt: Date;
  endedAt: Date | null;
  outcome: CallOutcome['result'] | null;
  outcomeNode: string | null;
  outcomeReason: string | null;
  nodeFlowId: string | null;
  node: string | null;
  nodeKind: string | null;
  nodeLabel: string | null;
}

// The node a call is at is the last one it entered.
const LIVE_CALL_SELECT = `
  SELECT c.id, c.tenant_id AS "tenantId", c.workflow_id AS "workflowId", c.from_number AS "from", c.to_number AS "to",
         c.flow_id AS "flowId", f.name AS "flowName", c.flow_version_id AS "flowVersionId", v.number AS "version",
         c.started_at AS "startedAt", c.ended_at AS "endedAt",
         c.outcome, c.outcome_node AS "outcomeNode", c.outcome_reason AS "outcomeReason",
         n.detail->>'flowId' AS "nodeFlowId", n.node, n.detail->>'kind' AS "nodeKind", n.detail->>'label' AS "nodeLabel"
    FROM calls c
    LEFT JOIN flows f ON f.id = c.flow_id
    LEFT JOIN flow_versions v ON v.id = c.flow_version_id
    LEFT JOIN LATERAL (
      SELECT e.node, e.detail FROM call_events e WHERE e.call_id = c.id AND e.type = 'node.entered' ORDER BY e.seq DESC LIMIT 1
    ) n ON true`;
const LIVE_CALL_SQL = `${LIVE_CALL_SELECT} WHERE c.id = $1`;
// Running calls only: calls_running_idx. Bounded: a monitor shows what a screen can.
const RUNNING_CALLS_SQL = `${LIVE_CALL_SELECT} WHERE c.tenant_id = $1 AND c.ended_at IS NULL ORDER BY c.started_at, c.id LIMIT 1000`;

// A caller waits in a queue from joining it until its call leaves that node, an agent answers there, or the call
// ends (the step record says so before calls.ended_at is set). Running calls only: calls_running_idx.
const WAITING_SQL = `
  SELECT j.detail->>'queueId' AS "queueId", j.call_id AS "callId", c.from_number AS "caller", j.at AS "joinedAt"
    FROM calls c
    JOIN call_events j ON j.call_id = c.id AND j.type = 'queue.joined' AND ($2::text IS NULL OR j.detail->>'queueId' = $2)
   WHERE c.tenant_id = $1 AND c.ended_at IS NULL
     AND NOT EXISTS (
       SELECT 1 FROM call_events e
        WHERE e.call_id = j.call_id AND e.seq > j.seq
          AND (e.type = 'call.ended'
               OR (e.type IN ('node.exited', 'agent.answered', 'queue.joined') AND e.node IS NOT DISTINCT FROM j.node AND e.detail->>'flowId' = j.detail->>'flowId')))
   ORDER BY j.at, j.call_id`;

/** The reads behind live events: a call as the monitor shows it, who waits in a queue. */
@Injectable()
export class LiveCallsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async call(callId: string): Promise<LiveCall | null> {
    const rows: LiveCallRow[] = await this.dataSource.query(LIVE_CALL_SQL, [callId]);
    return rows[0] ? liveCallOf(rows[0]) : null;
  }

  /** The tenant's running calls, longest running first. */
  async running(tenantId: string): Promise<LiveCall[]> {
    const rows: LiveCallRow[] = await this.dataSource.query(RUNNING_CALLS_SQL, [tenantId]);
    return rows.map(liveCallOf);
  }

  /** Callers waiting in the queue now, longest first. */
  async waiting(tenantId: string, queueId: string): Promise<Waiter[]> {
    return this.dataSource.query(WAITING_SQL, [tenantId, queueId]);
  }

  /** Callers waiting in any queue of the tenant now, longest first. */
  async waitingEverywhere(tenantId: string): Promise<Waiter[]> {
    return this.dataSource.query(WAITING_SQL, [tenantId, null]);
  }

  /** Null when the tenant has no such queue (any more). */
  async queueName(tenantId: string, queueId: string): Promise<string | null> {
    const rows: Array<{ name: string | null }> = await this.dataSource.query(`SELECT data->>'name' AS name FROM queues WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      queueId,
    ]);
    return rows[0]?.name ?? null;
  }
}

function liveCallOf(row: LiveCallRow): LiveCall {
  return {
    tenantId: row.tenantId,
    workflowId: row.workflowId,
    view: {
      callId: row.id,
      status: row.endedAt === null ? 'running' : 'ended',
      caller: row.from,
      called: row.to,
      flow: { id: row.flowId, name: row.flowName, versionId: row.flowVersionId, version: row.version },
      currentNode:
        row.node === null ? null : { flowId: row.nodeFlowId ?? row.flowId, id: row.node, kind: row.nodeKind ?? '', label: row.nodeLabel ?? '' },
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      outcome: row.outcome === null ? null : { result: row.outcome, node: row.outcomeNode, reason: row.outcomeReason ?? '' },
    },
  };
}
