import { Inject, Injectable } from '@nestjs/common';
import type {
  AnalyticsPeriod,
  AnalyticsQuery,
  BusiestHour,
  CallMetricsQuery,
  CallMetricsRow,
  CallVolumeBucket,
  CallVolumeQuery,
  DropOffRow,
  VolumeBucket,
} from '@callflow/schemas';
import { DataSource } from 'typeorm';

/** The tenant's calls (`c`) that started in the period: $1 tenant, $2/$3 local start and end, $4 time zone. */
const IN_PERIOD = `c.tenant_id = $1 AND c.started_at >= ($2::timestamp AT TIME ZONE $4) AND c.started_at < ($3::timestamp AT TIME ZONE $4)`;

/** Per call: seconds waited for an agent (until answered, or until the call ended) and seconds of conversation. */
const CALL_FIGURES = `
  CASE WHEN c.wait_started_at IS NOT NULL AND coalesce(c.answered_at, c.ended_at) IS NOT NULL
       THEN extract(epoch FROM coalesce(c.answered_at, c.ended_at) - c.wait_started_at)::float8 END AS wait_secs,
  CASE WHEN c.answered_at IS NOT NULL AND coalesce(c.conversation_ended_at, c.ended_at) IS NOT NULL
       THEN extract(epoch FROM coalesce(c.conversation_ended_at, c.ended_at) - c.answered_at)::float8 END AS handle_secs`;

/** A group's figures from its calls' rows (`answered`, `outcome`, CALL_FIGURES); $5 is the service level in seconds. */
const FIGURE_AGGREGATES = `
  count(*) AS calls,
  count(*) FILTER (WHERE answered) AS answered,
  count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
  count(*) FILTER (WHERE outcome = 'voicemail') AS voicemail,
  count(wait_secs) AS waited,
  avg(wait_secs) AS avg_wait,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY wait_secs) AS p90_wait,
  avg(handle_secs) FILTER (WHERE answered) AS avg_handle,
  count(*) FILTER (WHERE answered AND wait_secs <= $5) AS within`;

/** FIGURE_AGGREGATES as PostgreSQL returns them (counts as strings). */
interface FigureColumns {
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

interface MetricsRow extends FigureColumns {
  key: string | null;
  name: string | null;
}

/** Days, weeks (from Monday) and months of the wall clock in $4. */
function wallClockSlices(unit: Exclude<VolumeBucket, 'hour'>): { series: string; callBucket: string } {
  return {
    series: `SELECT s AT TIME ZONE $4 AS start_at, (s + interval '1 ${unit}') AT TIME ZONE $4 AS end_at
               FROM generate_series(date_trunc('${unit}', $2::timestamp), $3::timestamp - interval '1 microsecond', interval '1 ${unit}') s`,
    callBucket: `date_trunc('${unit}', c.started_at AT TIME ZONE $4) AT TIME ZONE $4`,
  };
}

/**
 * Per bucket width: the period's buckets as their unclipped start (`start_at`) and end instants, and the expression
 * giving a call's (`c`) bucket start, equal to one `start_at`. Hours are real hours counted from the first, so a
 * day with a daylight-saving change has 23 or 25 of them.
 */
const SLICES: Record<VolumeBucket, { series: string; callBucket: string }> = {
  hour: {
    series: `SELECT s AS start_at, s + interval '1 hour' AS end_at
               FROM generate_series(date_trunc('hour', $2::timestamp AT TIME ZONE $4, $4), ($3::timestamp AT TIME ZONE $4) - interval '1 microsecond', interval '1 hour') s`,
    callBucket: `date_trunc('hour', $2::timestamp AT TIME ZONE $4, $4) + floor(extract(epoch FROM c.started_at - date_trunc('hour', $2::timestamp AT TIME ZONE $4, $4)) / 3600) * interval '1 hour'`,
  },
  day: wallClockSlices('day'),
  week: wallClockSlices('week'),
  month: wallClockSlices('month'),
};

interface VolumeRow extends FigureColumns {
  from_at: Date;
  to_at: Date;
  start_local: string;
}

/** Seconds to the millisecond. */
const seconds = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);

function figuresOf(row: FigureColumns) {
  const waited = Number(row.waited);
  const within = Number(row.within);
  return {
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
}

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
         SELECT ${query.by === 'tenant' ? 'NULL::text' : 'key'} AS key, ${FIGURE_AGGREGATES}
           FROM per_call ${grouped}
       )
       SELECT figures.*, ${grouping.name} AS name FROM figures ORDER BY figures.calls DESC, figures.key`,
      [tenantId, query.from, query.to, query.timeZone, query.serviceLevelSecs],
    );
    return rows.map((row) => ({ key: row.key, name: row.name, ...figuresOf(row) }));
  }

  /**
   * The period's calls per bucket, every bucket present (those without calls at zero), in one query. Only calls of
   * `flowId`, of `queueId`, or offered to `agentId` when given (then answered means answered by that agent).
   */
  async callVolume(tenantId: string, query: CallVolumeQuery & { bucket: VolumeBucket }): Promise<CallVolumeBucket[]> {
    const slices = SLICES[query.bucket];
    const params: unknown[] = [tenantId, query.from, query.to, query.timeZone, query.serviceLevelSecs];
    const where = [IN_PERIOD];
    let join = '';
    let answered = 'c.answered_at IS NOT NULL';
    if (query.flowId !== undefined) where.push(`c.flow_id = $${params.push(query.flowId)}`);
    if (query.queueId !== undefined) where.push(`c.queue_id = $${params.push(query.queueId)}`);
    if (query.agentId !== undefined) {
      join = `JOIN call_agents ca ON ca.call_id = c.id AND ca.agent_id = $${params.push(query.agentId)}`;
      answered = 'ca.answered';
    }
    const rows: VolumeRow[] = await this.dataSource.query(
      `WITH slices AS (${slices.series}),
       per_call AS (
         SELECT ${slices.callBucket} AS start_at, ${answered} AS answered, c.outcome, ${CALL_FIGURES}
           FROM calls c ${join} WHERE ${where.join(' AND ')}
       ),
       figures AS (
         SELECT start_at, ${FIGURE_AGGREGATES}
           FROM per_call GROUP BY start_at
       ),
       clipped AS (
         SELECT s.start_at, greatest(s.start_at, $2::timestamp AT TIME ZONE $4) AS from_at, least(s.end_at, $3::timestamp AT TIME ZONE $4) AS to_at FROM slices s
       )
       SELECT b.from_at, b.to_at, to_char(b.from_at AT TIME ZONE $4, 'YYYY-MM-DD"T"HH24:MI') AS start_local,
              coalesce(f.calls, 0) AS calls, coalesce(f.answered, 0) AS answered, coalesce(f.abandoned, 0) AS abandoned,
              coalesce(f.voicemail, 0) AS voicemail, coalesce(f.waited, 0) AS waited, f.avg_wait, f.p90_wait, f.avg_handle,
              coalesce(f.within, 0) AS within
         FROM clipped b LEFT JOIN figures f ON f.start_at = b.start_at
        ORDER BY b.start_at`,
      params,
    );
    return rows.map((row) => ({ from: row.from_at.toISOString(), to: row.to_at.toISOString(), start: row.start_local, ...figuresOf(row) }));
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
