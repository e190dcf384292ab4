import { Inject, Injectable } from '@nestjs/common';
import type { CallOutcome, TraceEvent } from '@callflow/engine';
import { DataSource, LessThan, QueryFailedError } from 'typeorm';
import { CallEventEntity } from './call-event.entity';
import { CallEntity } from './call.entity';

const FOREIGN_KEY_VIOLATION = '23503';

/** The step-record entries the call's summary is made of (see refreshCall and addOfferedAgents). */
const SUMMARY_EVENT_TYPES = new Set<TraceEvent['type']>(['agents.rung', 'queue.joined', 'agent.answered', 'node.exited', 'call.ended']);

export interface StoredCall {
  id: string;
  tenantId: string;
  callSessionId: string;
  workflowId: string;
  flowId: string;
  flowVersionId: string;
  from: string;
  to: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: CallOutcome | null;
}

export type NewCall = Omit<StoredCall, 'id' | 'endedAt' | 'outcome'>;

/** MAX_ACTIVE_CALLS and MAX_CALLS_PER_SECOND (null: no such limit), and how long a call may last. */
export interface AdmissionLimits {
  maxActiveCalls: number | null;
  maxCallsPerSecond: number | null;
  maxCallDurationMs: number;
}

export type AdmissionVerdict = 'admitted' | 'over-active-calls' | 'over-call-rate';

function toStoredCall(entity: CallEntity): StoredCall {
  const outcome =
    entity.outcome === null ? null : ({ result: entity.outcome, node: entity.outcomeNode, reason: entity.outcomeReason ?? '' } as CallOutcome);
  return {
    id: entity.id,
    tenantId: entity.tenantId,
    callSessionId: entity.callSessionId,
    workflowId: entity.workflowId,
    flowId: entity.flowId,
    flowVersionId: entity.flowVersionId,
    from: entity.fromNumber,
    to: entity.toNumber,
    startedAt: entity.startedAt,
    endedAt: entity.endedAt,
    outcome,
  };
}

@Injectable()
export class CallsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Creates the call's row, or returns the one an earlier delivery of the same call.initiated created. */
  async openCall(call: NewCall): Promise<StoredCall> {
    const repository = this.dataSource.getRepository(CallEntity);
    await repository
      .createQueryBuilder()
      .insert()
      .values({
        tenantId: call.tenantId,
        callSessionId: call.callSessionId,
        workflowId: call.workflowId,
        flowId: call.flowId,
        flowVersionId: call.flowVersionId,
        fromNumber: call.from,
        toNumber: call.to,
        startedAt: call.startedAt,
      })
      .orIgnore()
      .execute();
    const stored = await repository.findOneByOrFail({ callSessionId: call.callSessionId });
    return toStoredCall(stored);
  }

  /**
   * Whether a call may start under the limits: one already open (its call.initiated redelivered) always may; a new one
   * while fewer than `maxActiveCalls` are in progress, and if a token of the MAX_CALLS_PER_SECOND bucket is left, which
   * it takes. A call counts as in progress from its start for at most `maxCallDurationMs`, so one whose end was never
   * recorded does not hold its place for ever.
   */
  async admitCall(callSessionId: string, limits: AdmissionLimits): Promise<AdmissionVerdict> {
    const [row]: Array<{ known: boolean; active: number | null }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM calls WHERE call_session_id = $1) AS known,
              CASE WHEN $2::boolean
                THEN (SELECT count(*) FROM calls WHERE ended_at IS NULL AND started_at > now() - make_interval(secs => $3))::int
              END AS active`,
      [callSessionId, limits.maxActiveCalls !== null, limits.maxCallDurationMs / 1000],
    );
    if (row?.known === true) return 'admitted';
    if (limits.maxActiveCalls !== null && (row?.active ?? 0) >= limits.maxActiveCalls) return 'over-active-calls';
    if (limits.maxCallsPerSecond !== null && !(await this.takeCallStartToken(limits.maxCallsPerSecond))) return 'over-call-rate';
    return 'admitted';
  }

  /**
   * Takes a token from the bucket refilled at `perSecond` and holding one second's worth (at least one): a burst of
   * calls may start at once, and over time no more than `perSecond` a second. One row updated in place: concurrent
   * admissions on every instance queue on its lock for the instant the update takes.
   */
  private async takeCallStartToken(perSecond: number): Promise<boolean> {
    const available = 'least(greatest($1::float8, 1), tokens + $1::float8 * greatest(0, extract(epoch FROM clock_timestamp() - refilled_at)::float8))';
    const [, updated]: [unknown, number] = await this.dataSource.query(
      `UPDATE call_start_rate SET tokens = ${available} - 1, refilled_at = clock_timestamp() WHERE id = 1 AND ${available} >= 1`,
      [perSecond],
    );
    return updated === 1;
  }

  async findCall(callId: string): Promise<StoredCall | null> {
    const entity = await this.dataSource.getRepository(CallEntity).findOneBy({ id: callId });
    return entity ? toStoredCall(entity) : null;
  }

  async findCallBySession(callSessionId: string): Promise<StoredCall | null> {
    const entity = await this.dataSource.getRepository(CallEntity).findOneBy({ callSessionId });
    return entity ? toStoredCall(entity) : null;
  }

  /**
   * Stores events at the positions the workflow numbered them; positions already stored are kept, so a retried request
   * changes nothing. The call's summary is summariseEvents' (so live events need not wait for it). Returns the positions
   * this write stored, without those stored before; null when the call does not exist.
   */
  async storeEvents(callId: string, firstSeq: number, events: readonly TraceEvent[]): Promise<Set<number> | null> {
    if (events.length === 0) return (await this.dataSource.getRepository(CallEntity).existsBy({ id: callId })) ? new Set() : null;
    try {
      const result = await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(CallEventEntity)
        .values(
          events.map((event, index) => {
            const { at, type, node, ...detail } = event;
            return { callId, seq: firstSeq + index, at: new Date(at), type, node, detail };
          }),
        )
        .orIgnore()
        .returning(['seq'])
        .execute();
      return new Set((result.raw as Array<{ seq: number }>).map((row) => row.seq));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === FOREIGN_KEY_VIOLATION) return null;
      throw error;
    }
  }

  /**
   * The summary's share of events stored at firstSeq…: nothing when none of them is a kind the summary reads. The
   * agents offered are added from these positions only (offers accumulate, so batches may come in any order).
   */
  async summariseEvents(callId: string, firstSeq: number, events: readonly TraceEvent[]): Promise<void> {
    if (!events.some((event) => SUMMARY_EVENT_TYPES.has(event.type))) return;
    await this.refreshCall(callId);
    if (events.some((event) => event.type === 'agents.rung' || event.type === 'agent.answered')) {
      await this.addOfferedAgents(callId, { first: firstSeq, last: firstSeq + events.length - 1 });
    }
  }

  /** The call's step record in order; with `before`, only the positions before that one. */
  async events(callId: string, range: { before?: number } = {}): Promise<TraceEvent[]> {
    const where = range.before === undefined ? { callId } : { callId, seq: LessThan(range.before) };
    const rows = await this.dataSource.getRepository(CallEventEntity).find({ where, order: { seq: 'ASC' } });
    return rows.map((row) => ({ ...row.detail, at: row.at.getTime(), type: row.type, node: row.node }) as TraceEvent);
  }

  /** Records how the call ended; false when the call does not exist. Repeating it overwrites with the same values. */
  async endCall(callId: string, outcome: CallOutcome, endedAt: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(CallEntity)
      .update({ id: callId }, { endedAt, outcome: outcome.result, outcomeNode: outcome.node, outcomeReason: outcome.reason });
    if ((result.affected ?? 0) === 0) return false;
    await this.refreshCall(callId);
    await this.addOfferedAgents(callId, null);
    return true;
  }

  /**
   * Recomputes what searches and reports filter on from the call's whole step record (so a retried or late write
   * gives the same result): when the caller started waiting for an agent, who answered and when, when that
   * conversation ended, the queue the caller waited in last, and the flow the call ended in.
   */
  private async refreshCall(callId: string): Promise<void> {
    await this.dataSource.query(
      `WITH ev AS (SELECT seq, at, type, detail FROM call_events WHERE call_id = $1),
            answer AS (SELECT seq, at, detail ->> 'agentId' AS agent_id FROM ev WHERE type = 'agent.answered' ORDER BY seq LIMIT 1)
       UPDATE calls SET
         wait_started_at = (SELECT min(at) FROM ev WHERE type IN ('agents.rung', 'queue.joined')),
         answered_at = (SELECT at FROM answer),
         answered_agent_id = (SELECT agent_id FROM answer),
         conversation_ended_at = (SELECT min(ev.at) FROM ev, answer WHERE ev.seq > answer.seq AND ev.type IN ('node.exited', 'call.ended')),
         queue_id = (SELECT detail ->> 'queueId' FROM ev WHERE type = 'queue.joined' ORDER BY seq DESC LIMIT 1),
         outcome_flow_id = (SELECT detail ->> 'flowId' FROM ev WHERE type = 'call.ended' ORDER BY seq DESC LIMIT 1)
       WHERE id = $1`,
      [callId],
    );
  }

  /** The agents the call was offered to (and whether they answered), from the stored positions given or all of them. */
  private async addOfferedAgents(callId: string, positions: { first: number; last: number } | null): Promise<void> {
    const inRange = positions === null ? '' : 'AND e.seq BETWEEN $2 AND $3';
    await this.dataSource.query(
      `INSERT INTO call_agents (call_id, agent_id, tenant_id, started_at, answered)
       SELECT c.id, offered.agent_id, c.tenant_id, c.started_at, bool_or(offered.answered)
         FROM calls c
         JOIN (
           SELECT e.detail ->> 'agentId' AS agent_id, true AS answered
             FROM call_events e WHERE e.call_id = $1 AND e.type = 'agent.answered' ${inRange}
           UNION ALL
           SELECT leg ->> 'agentId', false
             FROM call_events e CROSS JOIN LATERAL jsonb_array_elements(e.detail -> 'legs') AS leg
            WHERE e.call_id = $1 AND e.type = 'agents.rung' ${inRange}
         ) offered ON offered.agent_id IS NOT NULL
        WHERE c.id = $1
        GROUP BY c.id, offered.agent_id, c.tenant_id, c.started_at
       ON CONFLICT (call_id, agent_id) DO UPDATE SET answered = call_agents.answered OR excluded.answered`,
      positions === null ? [callId] : [callId, positions.first, positions.last],
    );
  }

  /** Keeps the call's Temporal history (as its JSON form) so replay outlives Temporal's retention; first copy wins. */
  async saveHistory(callId: string, history: unknown): Promise<void> {
    await this.dataSource.query('INSERT INTO call_histories (call_id, history) VALUES ($1, $2) ON CONFLICT (call_id) DO NOTHING', [
      callId,
      JSON.stringify(history),
    ]);
  }

  async history(callId: string): Promise<unknown> {
    const rows: Array<{ history: unknown }> = await this.dataSource.query('SELECT history FROM call_histories WHERE call_id = $1', [callId]);
    return rows[0]?.history ?? null;
  }

  /** Calls that ended since `since` whose history was not copied yet (the API stopped before it could). */
  async endedWithoutHistory(since: Date, limit: number): Promise<Array<{ id: string; workflowId: string }>> {
    return this.dataSource.query(
      `SELECT c.id, c.workflow_id AS "workflowId" FROM calls c
        WHERE c.ended_at >= $1 AND NOT EXISTS (SELECT 1 FROM call_histories h WHERE h.call_id = c.id)
        ORDER BY c.ended_at LIMIT $2`,
      [since, limit],
    );
  }
}
