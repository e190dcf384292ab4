import request from 'supertest';
import type { BusiestHoursReport, CallMetricsReport, CallMetricsRow, CallVolumeBucket, CallVolumeReport, DropOffReport } from '@callflow/schemas';
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
let globexLine: SupportLine;
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
      const line = (globexLine = await seedSupportLine(app, tenantId));
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

type Counts = Pick<CallVolumeBucket, 'calls' | 'answered' | 'abandoned' | 'voicemail'>;
const counts = (report: CallVolumeReport): Array<Counts & { start: string }> =>
  report.rows.map(({ start, calls, answered, abandoned, voicemail }) => ({ start, calls, answered, abandoned, voicemail }));
const NO_CALLS = { calls: 0, answered: 0, abandoned: 0, voicemail: 0 };
const hoursOf = (day: string, count = 24) => Array.from({ length: count }, (_, hour) => `${day}T${String(hour).padStart(2, '0')}:00`);

describe('volume over time', () => {
  it('cuts a two-day period into days by default, each with every figure of the calls report', async () => {
    const volume = await report<CallVolumeReport>('volume');
    expect(volume).toMatchObject({ bucket: 'day', serviceLevelSecs: 20, filters: { flowId: null, queueId: null, agentId: null } });
    expect(volume.period).toEqual({ from: '2026-03-02T05:00:00.000Z', to: '2026-03-04T05:00:00.000Z', timeZone: 'America/New_York' });
    // Monday: s1, s2, s3, t1 (waits 10, 30, 45, 5: p90 at rank 2.7 → 30 + 0.7 × 15). Tuesday: s4, s5, s6, t2.
    expect(volume.rows).toEqual([
      {
        from: '2026-03-02T05:00:00.000Z',
        to: '2026-03-03T05:00:00.000Z',
        start: '2026-03-02T00:00',
        ...{ calls: 4, answered: 3, abandoned: 1, voicemail: 0, waited: 4, avgWaitSecs: 22.5, p90WaitSecs: 40.5, avgHandleSecs: 126.667, answeredWithinServiceLevel: 2, serviceLevel: 0.5 },
      },
      {
        from: '2026-03-03T05:00:00.000Z',
        to: '2026-03-04T05:00:00.000Z',
        start: '2026-03-03T00:00',
        ...{ calls: 4, answered: 0, abandoned: 2, voicemail: 1, waited: 1, avgWaitSecs: 50, p90WaitSecs: 50, avgHandleSecs: null, answeredWithinServiceLevel: 0, serviceLevel: 0 },
      },
    ]);
  });

  it('cuts a day into its 24 hours, those without calls at zero', async () => {
    const volume = await report<CallVolumeReport>('volume', { from: '2026-03-02', to: '2026-03-03' });
    expect(volume.bucket).toBe('hour');
    const busy: Record<string, Counts> = {
      '2026-03-02T09:00': { calls: 3, answered: 3, abandoned: 0, voicemail: 0 },
      '2026-03-02T10:00': { calls: 1, answered: 0, abandoned: 1, voicemail: 0 },
    };
    expect(counts(volume)).toEqual(hoursOf('2026-03-02').map((start) => ({ start, ...(busy[start] ?? NO_CALLS) })));
    expect(volume.rows[9]).toMatchObject({ from: '2026-03-02T14:00:00.000Z', to: '2026-03-02T15:00:00.000Z' });
  });

  it('takes the bucket from the query, and clips the first and last to the period', async () => {
    const hours = await report<CallVolumeReport>('volume', { bucket: 'hour' });
    expect(hours.rows.map((row) => row.start)).toEqual([...hoursOf('2026-03-02'), ...hoursOf('2026-03-03')]);
    expect(hours.rows.reduce((sum, row) => sum + row.calls, 0)).toBe(8);

    // February from the 20th, then March up to the 10th: o1 (1 March, 23:30) and o2 (4 March) count in March.
    const months = await report<CallVolumeReport>('volume', { from: '2026-02-20', to: '2026-03-10', bucket: 'month' });
    expect(months.rows.map(({ start, from, to, calls }) => ({ start, from, to, calls }))).toEqual([
      { start: '2026-02-20T00:00', from: '2026-02-20T05:00:00.000Z', to: '2026-03-01T05:00:00.000Z', calls: 0 },
      { start: '2026-03-01T00:00', from: '2026-03-01T05:00:00.000Z', to: '2026-03-10T04:00:00.000Z', calls: 10 },
    ]);

    // Weeks start on Monday: Thursday 26 February to Monday 2 March, then that week.
    const weeks = await report<CallVolumeReport>('volume', { from: '2026-02-26', to: '2026-03-09', bucket: 'week' });
    expect(weeks.rows.map(({ start, calls }) => ({ start, calls }))).toEqual([
      { start: '2026-02-26T00:00', calls: 1 },
      { start: '2026-03-02T00:00', calls: 9 },
    ]);
  });

  it('counts real hours across a daylight-saving change (23 on 8 March 2026 in New York)', async () => {
    const volume = await report<CallVolumeReport>('volume', { from: '2026-03-08', to: '2026-03-09' });
    expect(volume.rows.map((row) => row.start)).toEqual(hoursOf('2026-03-08').filter((start) => start !== '2026-03-08T02:00'));
    expect(volume.rows[2]).toMatchObject({ start: '2026-03-08T03:00', from: '2026-03-08T07:00:00.000Z', to: '2026-03-08T08:00:00.000Z' });
  });

  it('moves with the time zone (the same calls in UTC days)', async () => {
    const volume = await report<CallVolumeReport>('volume', { timeZone: 'UTC' });
    // o1 (04:30Z on Monday) now counts; o2 (05:30Z on Wednesday) still does not.
    expect(counts(volume)).toEqual([
      { start: '2026-03-02T00:00', calls: 5, answered: 4, abandoned: 1, voicemail: 0 },
      { start: '2026-03-03T00:00', calls: 4, answered: 0, abandoned: 2, voicemail: 1 },
    ]);
  });

  it('has a bucket for each day of a period without calls', async () => {
    const volume = await report<CallVolumeReport>('volume', { from: '2025-01-01', to: '2025-01-04' });
    expect(counts(volume)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03'].map((day) => ({ start: `${day}T00:00`, ...NO_CALLS })));
    expect(volume.rows.every((row) => row.avgWaitSecs === null && row.serviceLevel === null)).toBe(true);
  });

  it('filters by flow, by queue and by agent offered the call (answered: by that agent)', async () => {
    const days = async (filter: Record<string, string>) => counts(await report<CallVolumeReport>('volume', filter)).map(({ start: _start, ...figures }) => figures);
    expect(await days({ flowId: sales.flowId })).toEqual([
      { calls: 1, answered: 1, abandoned: 0, voicemail: 0 },
      { calls: 1, answered: 0, abandoned: 0, voicemail: 0 },
    ]);
    expect(await days({ queueId: 'support' })).toEqual([
      { calls: 3, answered: 2, abandoned: 1, voicemail: 0 },
      { calls: 1, answered: 0, abandoned: 1, voicemail: 0 },
    ]);
    // Bob was offered s1 (Ann answered), s3 and t1 (he answered) on Monday, s6 on Tuesday.
    expect(await days({ agentId: 'bob' })).toEqual([
      { calls: 3, answered: 1, abandoned: 1, voicemail: 0 },
      { calls: 1, answered: 0, abandoned: 1, voicemail: 0 },
    ]);
    expect((await report<CallVolumeReport>('volume', { agentId: 'bob' })).filters).toEqual({ flowId: null, queueId: null, agentId: 'bob' });
    expect(await days({ flowId: globexLine.flowId })).toEqual([NO_CALLS, NO_CALLS]);
  });

  it('keeps tenants apart', async () => {
    expect(counts(await report<CallVolumeReport>('volume', {}, globex))).toEqual([
      { start: '2026-03-02T00:00', calls: 1, answered: 0, abandoned: 1, voicemail: 0 },
      { start: '2026-03-03T00:00', ...NO_CALLS },
    ]);
  });

  it('exports the series as CSV', async () => {
    const response = await http().get('/api/analytics/volume').query({ ...PERIOD, format: 'csv' }).set(acme.as('supervisor')).expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="volume-by-day-2026-03-02-2026-03-04.csv"');
    expect(response.text).toBe(
      'start,from,to,calls,answered,abandoned,voicemail,waited,avg_wait_secs,p90_wait_secs,avg_handle_secs,answered_within_20s,service_level\r\n' +
        '2026-03-02T00:00,2026-03-02T05:00:00.000Z,2026-03-03T05:00:00.000Z,4,3,1,0,4,22.5,40.5,126.667,2,0.5\r\n' +
        '2026-03-03T00:00,2026-03-03T05:00:00.000Z,2026-03-04T05:00:00.000Z,4,0,2,1,1,50,50,,0,0\r\n',
    );
  });

  it('is described in OpenAPI: its query parameters and its response', async () => {
    type Operation = { parameters: Array<{ name: string; required: boolean }>; responses: Record<string, { content: Record<string, { schema: { properties: object } }> }> };
    const document = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, { get: Operation }> };
    const operation = document.paths['/api/analytics/volume']!.get;
    expect(operation.parameters.map(({ name, required }) => ({ name, required }))).toEqual(
      expect.arrayContaining([
        { name: 'from', required: true },
        { name: 'to', required: true },
        ...['timeZone', 'bucket', 'flowId', 'queueId', 'agentId'].map((name) => ({ name, required: false })),
      ]),
    );
    expect(Object.keys(operation.responses['200']!.content['application/json']!.schema.properties)).toEqual(['period', 'serviceLevelSecs', 'bucket', 'filters', 'rows']);
  });

  it.each([
    [{ bucket: 'hour', from: '2026-03-01', to: '2026-04-02' }, 'bucket'],
    [{ bucket: 'minute' }, 'bucket'],
    [{ flowId: 'support' }, 'flowId'],
    [{ agentId: '' }, 'agentId'],
  ])('%o → 400 naming %s', async (query, field) => {
    const response = await http().get('/api/analytics/volume').query({ ...PERIOD, ...query }).set(acme.as('supervisor')).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
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

const REPORTS = ['calls', 'volume', 'busiest-hours', 'drop-off'];

const routes: Record<string, RouteUnderTest> = Object.fromEntries(
  REPORTS.map((path) => [
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
    for (const path of REPORTS) {
      const response = await http().get(`/api/analytics/${path}`).query(query).set(acme.as('supervisor')).expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    }
  });

  it('refuses an unknown grouping', async () => {
    const response = await http().get('/api/analytics/calls').query({ ...PERIOD, by: 'queues' }).set(acme.as('supervisor')).expect(400);
    expect(response.body.message).toMatch(/^by:/);
  });

  it('answers any query string with 200 or a 400 that says why, never 5xx', async () => {
    const fields = ['from', 'to', 'timeZone', 'serviceLevelSecs', 'format', 'by', 'bucket', 'flowId', 'queueId', 'agentId'];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '2026-03-02', '2026-03-02T25:00', '9999-12-31', '0000-01-01', 'UTC', 'Europe/Paris', '-1', '1e309', 'NaN', '🙂', '\u0000', 'x'.repeat(5000)),
    );
    const queries = fc.sample(fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 6 }), { numRuns: 150, seed: 7 });
    for (const query of queries) {
      for (const path of REPORTS) {
        const response = await http().get(`/api/analytics/${path}`).query(query).set(acme.as('supervisor'));
        expect({ query, status: response.status }).toEqual({ query, status: response.status === 200 ? 200 : 400 });
        if (response.status === 400) expect(typeof response.body.message).toBe('string');
      }
    }
    // A repeated parameter is a list, not a date.
    await http().get('/api/analytics/calls?from=2026-03-02&from=2026-03-03&to=2026-03-04').set(acme.as('supervisor')).expect(400);
  });
});
