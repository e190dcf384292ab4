import type { BusiestHoursReport, CallMetricsReport, CallMetricsRow, CallVolumeReport, DropOffReport, FlowSummary } from '@callflow/schemas';
import type { AnalyticsClient, ReportQuery } from '../../api/analytics-client';

/** Everything the analytics page draws for one period. */
export interface Dashboard {
  total: CallMetricsRow;
  overTime: CallVolumeReport;
  agents: CallMetricsReport;
  queues: CallMetricsReport;
  busiestHours: BusiestHoursReport;
  dropOff: DropOffReport;
  flows: FlowSummary[];
}

export interface DashboardSources {
  analytics: Pick<AnalyticsClient, 'calls' | 'volume' | 'busiestHours' | 'dropOff'>;
  flows: { list(): Promise<FlowSummary[]> };
}

/** The page's reports, side by side: a fixed number of requests whatever the period (the series over time is one). */
export async function loadDashboard({ analytics, flows }: DashboardSources, query: ReportQuery): Promise<Dashboard> {
  const [tenant, overTime, agents, queues, busiestHours, dropOff, flowList] = await Promise.all([
    analytics.calls({ ...query, by: 'tenant' }),
    analytics.volume(query),
    analytics.calls({ ...query, by: 'agent' }),
    analytics.calls({ ...query, by: 'queue' }),
    analytics.busiestHours(query),
    analytics.dropOff(query),
    flows.list(),
  ]);
  const total = tenant.rows[0];
  if (total === undefined) throw new Error('The calls report has no tenant-wide row');
  return { total, overTime, agents, queues, busiestHours, dropOff, flows: flowList };
}
