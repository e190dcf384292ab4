import type { DataSource } from 'typeorm';

export const AGENTS = 40;
export const CALLERS = 5000;

export interface CallPopulation {
  tenantId: string;
  flows: Array<{ flowId: string; versionId: string; number: string }>;
  calls: number;
  /** The newest call started this long before the seeding; one every `spacingSecs` before that. */
  spacingSecs: number;
}

/**
 * Writes `calls` finished calls in one INSERT … SELECT over generate_series (with what the call log's summary
 * holds: waits, who answered, queue, offers), spread newest first over the last months: call i started
 * i × spacing seconds ago, on flow i mod F, from one of CALLERS numbers; outcomes cycle through a realistic mix.
 */
export async function seedCalls(dataSource: DataSource, population: CallPopulation): Promise<void> {
  const { tenantId, flows, calls, spacingSecs } = population;
  await dataSource.query(
    `WITH spec AS (
       SELECT i,
              now() - make_interval(secs => i * $5::float8) AS started_at,
              (ARRAY['answered','answered','answered','abandoned','voicemail','completed','answered','abandoned','transferred','callback','failed'])[1 + i % 11] AS outcome,
              1 + i % cardinality($2::uuid[]) AS flow,
              5 + i % 55 AS wait_secs,
              30 + i % 400 AS talk_secs
         FROM generate_series(1, $4::int) AS i
     )
     INSERT INTO calls (tenant_id, call_session_id, workflow_id, flow_id, flow_version_id, from_number, to_number, started_at, ended_at,
                        outcome, outcome_node, outcome_reason, wait_started_at, answered_at, answered_agent_id, conversation_ended_at, queue_id, outcome_flow_id)
     SELECT $1::uuid, 'bench:' || i || ':' || $1::text, 'call-bench:' || i || ':' || $1::text, ($2::uuid[])[flow], ($3::uuid[])[flow],
            '+1212' || lpad((i % ${CALLERS})::text, 7, '0'), ($6::text[])[flow], started_at,
            started_at + make_interval(secs => 20 + CASE WHEN outcome = 'answered' THEN wait_secs + talk_secs ELSE wait_secs END),
            outcome, CASE WHEN outcome IN ('answered', 'abandoned') THEN 'queue' ELSE 'menu' END, 'bench',
            CASE WHEN outcome IN ('answered', 'abandoned') THEN started_at + interval '20 seconds' END,
            CASE WHEN outcome = 'answered' THEN started_at + make_interval(secs => 20 + wait_secs) END,
            CASE WHEN outcome = 'answered' THEN 'agent-' || (i % ${AGENTS}) END,
            CASE WHEN outcome = 'answered' THEN started_at + make_interval(secs => 20 + wait_secs + talk_secs) END,
            CASE WHEN outcome IN ('answered', 'abandoned') THEN 'support' END,
            ($2::uuid[])[flow]::text
       FROM spec`,
    [tenantId, flows.map((flow) => flow.flowId), flows.map((flow) => flow.versionId), calls, spacingSecs, flows.map((flow) => flow.number)],
  );
  // Two agents offered each call that waited: the one who answered (when it was answered) and a colleague.
  await dataSource.query(
    `INSERT INTO call_agents (call_id, agent_id, tenant_id, started_at, answered)
     SELECT c.id, offered.agent_id, c.tenant_id, c.started_at, offered.agent_id IS NOT DISTINCT FROM c.answered_agent_id
       FROM calls c
      CROSS JOIN LATERAL (
        VALUES ('agent-' || (split_part(c.call_session_id, ':', 2)::int % ${AGENTS})),
               ('agent-' || ((split_part(c.call_session_id, ':', 2)::int + 7) % ${AGENTS}))
      ) AS offered (agent_id)
      WHERE c.tenant_id = $1 AND c.wait_started_at IS NOT NULL`,
    [tenantId],
  );
  await dataSource.query('ANALYZE calls');
  await dataSource.query('ANALYZE call_agents');
}
