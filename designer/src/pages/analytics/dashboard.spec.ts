import {
  BusiestHoursReportSchema,
  CallMetricsReportSchema,
  CallVolumeReportSchema,
  DropOffReportSchema,
  type CallMetricsRow,
  type CallVolumeBucket,
  type FlowSummary,
} from '@callflow/schemas';
import type { z } from 'zod';
import { createAnalyticsClient, type ReportQuery } from '../../api/analytics-client';
import type { RequestOptions } from '../../api/http';
import { loadDashboard } from './dashboard';

/*
 * The analytics page's loading, through the real analytics client over an HTTP client that answers from fixed
 * reports and writes down each request: the series over time is one request whatever the period.
 */

const period = { from: '2026-10-01T04:00:00.000Z', to: '2026-11-01T04:00:00.000Z', timeZone: 'America/New_York' };
const figures: Omit<CallMetricsRow, 'key' | 'name'> = {
  calls: 3,
  answered: 2,
  abandoned: 1,
  voicemail: 0,
  waited: 3,
  avgWaitSecs: 12,
  p90WaitSecs: 20,
  avgHandleSecs: 60,
  answeredWithinServiceLevel: 2,
  serviceLevel: 2 / 3,
};
const day = (date: string): CallVolumeBucket => ({ ...figures, from: `${date}T04:00:00.000Z`, to: `${date}T04:00:00.000Z`, start: `${date}T00:00` });
const days = Array.from({ length: 31 }, (_, index) => day(`2026-10-${String(index + 1).padStart(2, '0')}`));

const ANSWERS: Record<string, (query: Record<string, unknown>) => unknown> = {
  '/analytics/calls': (query) => ({ period, serviceLevelSecs: 20, by: query['by'], rows: query['by'] === 'tenant' ? [{ key: null, name: null, ...figures }] : [] }),
  '/analytics/volume': () => ({ period, serviceLevelSecs: 20, bucket: 'day', filters: { flowId: null, queueId: null, agentId: null }, rows: days }),
  '/analytics/busiest-hours': () => ({ period, rows: [] }),
  '/analytics/drop-off': () => ({ period, rows: [] }),
};

function recordingHttp() {
  const requests: Array<{ path: string; query: Record<string, unknown> }> = [];
  const request = async (path: string, options: RequestOptions & { schema?: z.ZodType } = {}) => {
    const query = { ...options.query };
    requests.push({ path, query });
    const answer = ANSWERS[path];
    if (answer === undefined) throw new Error(`No report at ${path}`);
    return options.schema === undefined ? answer(query) : options.schema.parse(answer(query));
  };
  const respond = () => Promise.reject(new Error('CSV is not asked for here'));
  return { requests, client: { request, respond } as unknown as Parameters<typeof createAnalyticsClient>[0] };
}

const flows: FlowSummary[] = [];
const october: ReportQuery = { from: '2026-10-01', to: '2026-11-01', timeZone: 'America/New_York', serviceLevelSecs: 20 };

describe('analytics dashboard loading', () => {
  it('asks for the series over time once for a month of days, beside the other reports', async () => {
    const { requests, client } = recordingHttp();
    const dashboard = await loadDashboard({ analytics: createAnalyticsClient(client), flows: { list: async () => flows } }, october);

    expect(requests.map((entry) => entry.path).sort()).toEqual([
      '/analytics/busiest-hours',
      '/analytics/calls',
      '/analytics/calls',
      '/analytics/calls',
      '/analytics/drop-off',
      '/analytics/volume',
    ]);
    expect(requests.find((entry) => entry.path === '/analytics/volume')?.query).toEqual(october);
    expect(dashboard.overTime.rows).toHaveLength(31);
    expect(dashboard.total).toEqual({ key: null, name: null, ...figures });
    // Every answer went through its schema.
    expect(CallVolumeReportSchema.parse(dashboard.overTime)).toEqual(dashboard.overTime);
    expect(CallMetricsReportSchema.parse(dashboard.agents).by).toBe('agent');
    expect(BusiestHoursReportSchema.parse(dashboard.busiestHours).rows).toEqual([]);
    expect(DropOffReportSchema.parse(dashboard.dropOff).rows).toEqual([]);
  });
});
