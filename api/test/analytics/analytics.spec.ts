import request from 'supertest';
import type { BusiestHoursReport, CallMetricsReport, CallMetricsRow, DropOffReport } from '@callflow/schemas';
import fc from 'fast-check';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { seedCall, seedSupportLine, type SupportLine } from '../calls/call-fixtures';

/*
 * A small dataset whose figures are worked out by hand. The report covers Monday 2 and Tuesday 3 March 2026 in
 * New York (UTC-5): from 05:00Z on the 2nd to 05:00Z on the 4th.
 *
 *   call  line     New York time  what happened                                       wait  talk
 *   s1    support  Mon 09:05      queued, Ann and Bob rung, Ann answered               10    60
 *   s2    support  Mon 09:40      queued, Ann rung and answered                        30    120
 *   s3    support  Mon 10:15      queued, Ann and Bob rung, caller hung up             45
 *   s4    support  Tue 09:20      voicemail
 *   s5    support  Tue 14:00      hung up in the menu
 *   s6    support  Tue 11:00      queued, Bob rung, caller hung up                     50
 *   t1    sales    Mon 09:10      queued (sales), Bob rung and answered                5     200
 *   t2    sales    Tue 14:30      pressed nothing, the flow said goodbye
 *   o1    support  Sun 23:30      (before the period: Monday 04:30 in UTC)
 *   o2    sales    Wed 00:30      (after the period)
 */

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let support: SupportLine;
let sales: SupportLine;
const SALES_NAME = 'Sales, "East"\nline';
const http = () => request(app.app.getHttpServer());
const newYork = (local: string) => new Date(`${local}-05:00`);
const PERIOD = { from: '2026-03-02', to: '2026-03-04', timeZone: 'America/New_York' };

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app, { seed: async (tenantId) => void (support = await seedSupportLine(app, tenantId)) });
  sales = await seedSupportLine(app, acme.tenantId, 'Sales line', 'sales');
  await app.dataSource.query('UPDATE flows SET name = $2 WHERE id = $1', [sales.flowId, SALES_NAME]);
  const { ann, bob } = support.agents;
  const seeds: Array<[SupportLine, string, Parameters<typeof seedCall>[2]['script']]> = [
    [support, '2026-03-02T09:05', { type: 'answered', answeredBy: ann, alsoRung: [bob], waitSecs: 10, talkSecs: 60 }],
    [support, '2026-03-02T09:40', { type: 'answered', answeredBy: ann, waitSecs: 30, talkSecs: 120 }],
    [support, '2026-03-02T10:15', { type: 'abandoned-in-queue', rung: [ann, bob], waitSecs: 45 }],
    [support, '2026-03-03T09:20', { type: 'voicemail', lengthSecs: 15 }],
    [support, '2026-03-03T14:00', { type: 'abandoned-at-menu', afterSecs: 2 }],
    [support, '2026-03-03T11:00', { type: 'abandoned-in-queue', rung: [bob], waitSecs: 50 }],
    [sales, '2026-03-02T09:10', { type: 'answered', answeredBy: bob, waitSecs: 5, talkSecs: 200 }],
    [sales, '2026-03-03T14:30', { type: 'completed' }],
    [support, '2026-03-01T23:30', { type: 'answered', answeredBy: ann, waitSecs: 1, talkSecs: 1 }],
    [sales, '2026-03-04T00:30', { type: 'completed' }],
  ];
  for (const [line, local, script] of seeds) await seedCall(app, line, { startedAt: newYork(local), script });
  // Another tenant's calls in the same hours never count.
  globex = await createTenantWithUsers(app, {
    seed: async (tenantId) => {
      const line = await seedSupportLine(app, tenantId);
      await seedCall(app, line, { startedAt: newYork('2026-03-02T09:15'), script: { type: 'abandoned-in-queue', rung: [line.agents.ann], waitSecs: 3 } });
    },
  });
}, 60_000);
afterAll(() => app.close());

async function report<T>(path: string, query: Record<string, string | number> = {}, tenant = acme): Promise<T> {
  return (await http().get(`/api/analytics/${path}`).query({ ...PERIOD, ...query }).set(tenant.as('supervisor')).expect(200)).body as T;
}

const row = (key: string | null, name: string | null, figures: Omit<CallMetricsRow, 'key' | 'name'>): CallMetricsRow => ({ key, name, ...figures });

describe('call figures', () => {
  it('tenant-wide: calls, answered, abandoned, voicemail, waits (average, p90), handle time, service level', async () => {
    const metrics = await report<CallMetricsReport>('calls');
    expect(metrics.period).toEqual({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-04T05:00:00.000Z', timeZone: 'America/New_York' });
    expect(metrics).toMatchObject({ by: 'tenant', serviceLevelSecs: 20 });
    // Waits 5, 10, 30, 45, 50: p90 at rank 3.6 → 45 + 0.6 × 5. Handle (60 + 120 + 200) / 3.
    expect(metrics.rows).toEqual([
      row(null, null, { calls: 8, answered: 3, abandoned: 3, voicemail: 1, waited: 5, avgWaitSecs: 28, p90WaitSecs: 48, avgHandleSecs: 126.667, answeredWithinServiceLevel: 2, serviceLevel: 0.4 }),
    ]);
  });

  it('takes the service level threshold from the query', async () => {
    const metrics = await report<CallMetricsReport>('calls', { serviceLevelSecs: 30 });
    expect(metrics.rows[0]).toMatchObject({ answeredWithinServiceLevel: 3, serviceLevel: 0.6 });
    expect(metrics.serviceLevelSecs).toBe(30);
  });

  it('per flow', async () => {
    const metrics = await report<CallMetricsReport>('calls', { by: 'flow' });
    expect(metrics.rows).toEqual([
      row(support.flowId, 'Support line', { calls: 6, answered: 2, abandoned: 3, voicemail: 1, waited: 4, avgWaitSecs: 33.75, p90WaitSecs: 48.5, avgHandleSecs: 90, answeredWithinServiceLevel: 1, serviceLevel: 0.25 }),
      row(sales.flowId, SALES_NAME, { calls: 2, answered: 1, abandoned: 0, voicemail: 0, waited: 1, avgWaitSecs: 5, p90WaitSecs: 5, avgHandleSecs: 200, answeredWithinServiceLevel: 1, serviceLevel: 1 }),
    ]);
  });

  it('per queue (the one the caller waited in)', async () => {
    const metrics = await report<CallMetricsReport>('calls', { by: 'queue' });
    expect(metrics.rows).toEqual([
      row('support', 'Support', { calls: 4, answered: 2, abandoned: 2, voicemail: 0, waited: 4, avgWaitSecs: 33.75, p90WaitSecs: 48.5, avgHandleSecs: 90, answeredWithinServiceLevel: 1, serviceLevel: 0.25 }),
      row('sales', 'Sales', { calls: 1, answered: 1, abandoned: 0, voicemail: 0, waited: 1, avgWaitSecs: 5, p90WaitSecs: 5, avgHandleSecs: 200, answeredWithinServiceLevel: 1, serviceLevel: 1 }),
    ]);
  });

  it('per agent (calls offered to the agent; answered and handle time its own)', async () => {
    const metrics = await report<CallMetricsReport>('calls', { by: 'agent' });
    // Bob: offered s1, s3, s6, t1 (waits 10, 45, 50, 5: p90 at rank 2.7 → 45 + 0.7 × 5). Ann: s1, s2, s3 (rank 1.8 → 30 + 0.8 × 15).
    expect(metrics.rows).toEqual([
      row('bob', 'Bob', { calls: 4, answered: 1, abandoned: 2, voicemail: 0, waited: 4, avgWaitSecs: 27.5, p90WaitSecs: 48.5, avgHandleSecs: 200, answeredWithinServiceLevel: 1, serviceLevel: 0.25 }),
      row('ann', 'Ann', { calls: 3, answered: 2, abandoned: 1, voicemail: 0, waited: 3, avgWaitSecs: 28.333, p90WaitSecs: 42, avgHandleSecs: 90, answeredWithinServiceLevel: 1, serviceLevel: 1 / 3 }),
    ]);
  });

  it('counts nothing of a period without calls (one zero row tenant-wide, no rows per group)', async () => {
    const empty = { from: '2025-01-01', to: '2025-01-02' };
    expect((await report<CallMetricsReport>('calls', empty)).rows).toEqual([
      row(null, null, { calls: 0, answered: 0, abandoned: 0, voicemail: 0, waited: 0, avgWaitSecs: null, p90WaitSecs: null, avgHandleSecs: null, answeredWithinServiceLevel: 0, serviceLevel: null }),
    ]);
    expect((await report<CallMetricsReport>('calls', { ...empty, by: 'agent' })).rows).toEqual([]);
  });

  it('keeps tenants apart', async () => {
    expect((await report<CallMetricsReport>('calls', {}, globex)).rows).toEqual([expect.objectContaining({ calls: 1, abandoned: 1 })]);
  });
});

describe('busiest hours', () => {
  it('counts calls per day of the week and hour, in the report’s time zone', async () => {
    const hours = await report<BusiestHoursReport>('busiest-hours');
    expect(hours.rows).toHaveLength(168);
    expect(hours.rows[0]).toEqual({ dayOfWeek: 1, hour: 0, calls: 0 });
    expect(hours.rows.filter((entry) => entry.calls > 0)).toEqual([
      { dayOfWeek: 1, hour: 9, calls: 3 },
      { dayOfWeek: 1, hour: 10, calls: 1 },
      { dayOfWeek: 2, hour: 9, calls: 1 },
      { dayOfWeek: 2, hour: 11, calls: 1 },
      { dayOfWeek: 2, hour: 14, calls: 2 },
    ]);
  });

  it('moves with the time zone (the same calls in UTC)', async () => {
    const hours = await report<BusiestHoursReport>('busiest-hours', { from: '2026-03-02T05:00', to: '2026-03-04T05:00', timeZone: 'UTC' });
    expect(hours.rows.filter((entry) => entry.calls > 0)).toEqual([
      { dayOfWeek: 1, hour: 14, calls: 3 },
      { dayOfWeek: 1, hour: 15, calls: 1 },
      { dayOfWeek: 2, hour: 14, calls: 1 },
      { dayOfWeek: 2, hour: 16, calls: 1 },
      { dayOfWeek: 2, hour: 19, calls: 2 },
    ]);
  });
});

describe('drop-off', () => {
  it('counts, per node, the callers who hung up there', async () => {
    const dropOff = await report<DropOffReport>('drop-off');
    expect(dropOff.rows).toEqual([
      { flowId: support.flowId, flowName: 'Support line', node: 'queue', kind: 'queue', label: 'queue', hangUps: 2 },
      { flowId: support.flowId, flowName: 'Support line', node: 'menu', kind: 'menu', label: 'menu', hangUps: 1 },
    ]);
  });
});

describe('CSV', () => {
  it('exports a table with RFC 4180 quoting (commas, quotes, line breaks) on ?format=csv', async () => {
    const response = await http().get('/api/analytics/calls').query({ ...PERIOD, by: 'flow', format: 'csv' }).set(acme.as('supervisor')).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="calls-by-flow-2026-03-02-2026-03-04.csv"');
    expect(response.text).toBe(
      'flow_id,name,calls,answered,abandoned,voicemail,waited,avg_wait_secs,p90_wait_secs,avg_handle_secs,answered_within_20s,service_level\r\n' +
        `${support.flowId},Support line,6,2,3,1,4,33.75,48.5,90,1,0.25\r\n` +
        `${sales.flowId},"Sales, ""East""\nline",2,1,0,0,1,5,5,200,1,1\r\n`,
    );
  });

  it('answers Accept: text/csv with CSV unless format=json, for every table', async () => {
    const asCsv = (path: string, query: Record<string, string> = {}) =>
      http().get(`/api/analytics/${path}`).query({ ...PERIOD, ...query }).set(acme.as('supervisor')).set('accept', 'text/csv').expect(200);
    const hours = await asCsv('busiest-hours');
    expect(hours.text.split('\r\n')).toHaveLength(1 + 168 + 1);
    expect(hours.text.startsWith('day_of_week,hour,calls\r\n1,0,0\r\n')).toBe(true);
    expect((await asCsv('drop-off')).text).toBe(
      `flow_id,flow_name,node,kind,label,hang_ups\r\n${support.flowId},Support line,queue,queue,queue,2\r\n${support.flowId},Support line,menu,menu,menu,1\r\n`,
    );
    expect((await asCsv('calls')).text).toBe(
      'tenant,name,calls,answered,abandoned,voicemail,waited,avg_wait_secs,p90_wait_secs,avg_handle_secs,answered_within_20s,service_level\r\n,,8,3,3,1,5,28,48,126.667,2,0.4\r\n',
    );
    expect((await asCsv('calls', { format: 'json' })).body).toMatchObject({ by: 'tenant' });
  });
});

const routes: Record<string, RouteUnderTest> = Object.fromEntries(
  ['calls', 'busiest-hours', 'drop-off'].map((path) => [
    `GET /analytics/${path}`,
    { method: 'get', path: () => `/api/analytics/${path}?from=2026-03-02&to=2026-03-04`, minimumRole: 'supervisor', okStatus: 200 } satisfies RouteUnderTest,
  ]),
);

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  });
});

describe('invalid queries', () => {
  it.each([
    [{ from: '2026-03-04', to: '2026-03-02' }, 'to'],
    [{ from: '2025-01-01', to: '2026-03-02' }, 'to'],
    [{ from: '2026-02-30', to: '2026-03-02' }, 'from'],
    [{ from: '2026-03-02T10:00+02:00', to: '2026-03-04' }, 'from'],
    [{ from: '2026-03-02', to: '2026-03-04', timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ from: '2026-03-02', to: '2026-03-04', serviceLevelSecs: '0' }, 'serviceLevelSecs'],
    [{ from: '2026-03-02', to: '2026-03-04', format: 'xml' }, 'format'],
    [{ to: '2026-03-04' }, 'from'],
  ])('%o → 400 naming %s', async (query, field) => {
    for (const path of ['calls', 'busiest-hours', 'drop-off']) {
      const response = await http().get(`/api/analytics/${path}`).query(query).set(acme.as('supervisor')).expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    }
  });

  it('refuses an unknown grouping', async () => {
    const response = await http().get('/api/analytics/calls').query({ ...PERIOD, by: 'queues' }).set(acme.as('supervisor')).expect(400);
    expect(response.body.message).toMatch(/^by:/);
  });

  it('answers any query string with 200 or a 400 that says why, never 5xx', async () => {
    const fields = ['from', 'to', 'timeZone', 'serviceLevelSecs', 'format', 'by'];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '2026-03-02', '2026-03-02T25:00', '9999-12-31', '0000-01-01', 'UTC', 'Europe/Paris', '-1', '1e309', 'NaN', '🙂', '\u0000', 'x'.repeat(5000)),
    );
    const queries = fc.sample(fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 6 }), { numRuns: 150, seed: 7 });
    for (const query of queries) {
      for (const path of ['calls', 'busiest-hours', 'drop-off']) {
        const response = await http().get(`/api/analytics/${path}`).query(query).set(acme.as('supervisor'));
        expect({ query, status: response.status }).toEqual({ query, status: response.status === 200 ? 200 : 400 });
        if (response.status === 400) expect(typeof response.body.message).toBe('string');
      }
    }
    // A repeated parameter is a list, not a date.
    await http().get('/api/analytics/calls?from=2026-03-02&from=2026-03-03&to=2026-03-04').set(acme.as('supervisor')).expect(400);
  });
});
