import { Inject, Injectable } from '@nestjs/common';
import type { AnalyticsPeriod, AnalyticsQuery, BusiestHour, CallMetricsQuery, CallMetricsRow, DropOffRow } from '@callflow/schemas';
import { DataSource } from 'typeorm';

/** The tenant's calls (`c`) that started in the period: $1 tenant, $2/$3 local start and end, $4 time zone. */
const IN_PERIOD = `c.tenant_id = $1 AND c.started_at >= ($2::timestamp AT TIME ZONE $4) AND c.started_at < ($3::timestamp AT TIME ZONE $4)`;

/** Per call: seconds waited for an agent (until answered, or until the call ended) and seconds of conversation. */
const CALL_FIGURES = `
  CASE WHEN c.wait_started_at IS NOT NULL AND coalesce(c.answered_at, c.ended_at) IS NOT NULL
       THEN extract(epoch FROM coalesce(c.answered_at, c.ended_at) - c.wait_started_at)::float8 END AS wait_secs,
  CASE WHEN c.answered_at IS NOT NULL AND coalesce(c.conversation_ended_at, c.ended_at) IS NOT NULL
       THEN extract(epoch FROM coalesce(c.conversation_ended_at, c.ended_at) - c.answered_at)::float8 END AS handle_secs`;

interface Grouping {
  /** Joined to the period's calls (one row per call and group). */
  join: string;
  key: string;
  /** Whether this group's agent answered (per agent: that agent). */
  answered: string;
  name: string;
}

const GROUPINGS: Record<CallMetricsQuery['by'], Grouping> = {
  tenant: { join: '', key: 'NULL::text', answered: 'c.answered_at IS NOT NULL', name: 'NULL::text' },
  flow: {
    join: '',
    key: 'c.flow_id::text',
    answered: 'c.answered_at IS NOT NULL',
    name: '(SELECT f.name FROM flows f WHERE f.id::text = figures.key)',
  },
  queue: {
    join: '',
    key: 'c.queue_id',
    answered: 'c.answered_at IS NOT NULL',
    name: "(SELECT q.data ->> 'name' FROM queues q WHERE q.tenant_id = $1 AND q.id = figures.key)",
  },
  agent: {
    join: 'JOIN call_agents ca ON ca.call_id = c.id',
    key: 'ca.agent_id',
    answered: 'ca.answered',
    name: "(SELECT a.data ->> 'name' FROM agents a WHERE a.tenant_id = $1 AND a.id = figures.key)",
  },
};

interface MetricsRow {
  key: string | null;
  name: string | null;
  calls: string;
  answered: string;
  abandoned: string;
  voicemail: string;
  waited: string;
  avg_wait: number | null;
  p90_wait: number | null;
  avg_handle: number | null;
  within: string;
}

/** Seconds to the millisecond. */
const seconds = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

/** Reports over the call log, aggregated by PostgreSQL. */
@Injectable()
export class AnalyticsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The period's bounds as instants. */
  async period(query: AnalyticsQuery): Promise<AnalyticsPeriod> {
    const rows: Array<{ from_at: Date; to_at: Date }> = await this.dataSource.query(
      'SELECT ($1::timestamp AT TIME ZONE $3) AS from_at, ($2::timestamp AT TIME ZONE $3) AS to_at',
      [query.from, query.to, query.timeZone],
    );
    const [row] = rows;
    if (!row) throw new Error('PostgreSQL returned no period');
    return { from: row.from_at.toISOString(), to: row.to_at.toISOString(), timeZone: query.timeZone };
  }

  async callMetrics(tenantId: string, query: CallMetricsQuery): Promise<CallMetricsRow[]> {
    const grouping = GROUPINGS[query.by];
    const grouped = query.by === 'tenant' ? '' : 'WHERE key IS NOT NULL GROUP BY key';
    const rows: MetricsRow[] = await this.dataSource.query(
      `WITH per_call AS (
         SELECT ${grouping.key} AS key, ${grouping.answered} AS answered, c.outcome, ${CALL_FIGURES}
           FROM calls c ${grouping.join} WHERE ${IN_PERIOD}
       ),
       figures AS (
         SELECT ${query.by === 'tenant' ? 'NULL::text' : 'key'} AS key,
                count(*) AS calls,
                count(*) FILTER (WHERE answered) AS answered,
                count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
                count(*) FILTER (WHERE outcome = 'voicemail') AS voicemail,
                count(wait_secs) AS waited,
                avg(wait_secs) AS avg_wait,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_secs) AS p90_wait,
                avg(handle_secs) FILTER (WHERE answered) AS avg_handle,
                count(*) FILTER (WHERE answered AND wait_secs <= $5) AS within
           FROM per_call ${grouped}
       )
       SELECT figures.*, ${grouping.name} AS name FROM figures ORDER BY figures.calls DESC, figures.key`,
      [tenantId, query.from, query.to, query.timeZone, query.serviceLevelSecs],
    );
    return rows.map((row) => {
      const waited = Number(row.waited);
      const within = Number(row.within);
      return {
        key: row.key,
        name: row.name,
        calls: Number(row.calls),
        answered: Number(row.answered),
        abandoned: Number(row.abandoned),
        voicemail: Number(row.voicemail),
        waited,
        avgWaitSecs: seconds(row.avg_wait),
        p90WaitSecs: seconds(row.p90_wait),
        avgHandleSecs: seconds(row.avg_handle),
        answeredWithinServiceLevel: within,
        serviceLevel: waited === 0 ? null : within / waited,
      };
    });
  }

  /** Calls per (ISO day of week, hour) in the time zone; hours without calls are absent. */
  async callsByHour(tenantId: string, query: AnalyticsQuery): Promise<BusiestHour[]> {
    const rows: Array<{ day: number; hour: number; calls: string }> = await this.dataSource.query(
      `SELECT extract(isodow FROM c.started_at AT TIME ZONE $4)::int AS day, extract(hour FROM c.started_at AT TIME ZONE $4)::int AS hour, count(*) AS calls
         FROM calls c WHERE ${IN_PERIOD}
        GROUP BY 1, 2`,
      [tenantId, query.from, query.to, query.timeZone],
    );
    return rows.map((row) => ({ dayOfWeek: row.day, hour: row.hour, calls: Number(row.calls) }));
  }

  /** Per flow and node, the callers who hung up there (abandoned calls by the node they ended on). */
  async dropOff(tenantId: string, query: AnalyticsQuery): Promise<DropOffRow[]> {
    const rows: Array<{ flow_id: string; flow_name: string | null; node: string; kind: string | null; label: string | null; hang_ups: string }> =
      await this.dataSource.query(
        `WITH drops AS (
           SELECT coalesce(c.outcome_flow_id, c.flow_id::text) AS flow_id, c.outcome_node AS node, count(*) AS hang_ups, (array_agg(c.id))[1] AS sample_call
             FROM calls c WHERE ${IN_PERIOD} AND c.outcome = 'abandoned' AND c.outcome_node IS NOT NULL
            GROUP BY 1, 2
         )
         SELECT d.flow_id, f.name AS flow_name, d.node, entered.detail ->> 'kind' AS kind, entered.detail ->> 'label' AS label, d.hang_ups
           FROM drops d
           LEFT JOIN flows f ON f.id::text = d.flow_id
           LEFT JOIN LATERAL (
             SELECT e.detail FROM call_events e WHERE e.call_id = d.sample_call AND e.type = 'node.entered' AND e.node = d.node ORDER BY e.seq DESC LIMIT 1
           ) entered ON true
          ORDER BY d.hang_ups DESC, d.flow_id, d.node`,
        [tenantId, query.from, query.to, query.timeZone],
      );
    return rows.map((row) => ({ flowId: row.flow_id, flowName: row.flow_name, node: row.node, kind: row.kind, label: row.label, hangUps: Number(row.hang_ups) }));
  }
}
