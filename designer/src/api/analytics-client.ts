import {
  BusiestHoursReportSchema,
  CallMetricsReportSchema,
  CallVolumeReportSchema,
  DropOffReportSchema,
  type AnalyticsQuery,
  type BusiestHoursReport,
  type CallMetricsQuery,
  type CallMetricsReport,
  type CallVolumeQuery,
  type CallVolumeReport,
  type DropOffReport,
} from '@callflow/schemas';
import { http, type HttpClient } from './http';

/** A report's period and settings as the routes take them (`from`/`to` local to `timeZone`, `to` excluded). */
export type ReportQuery = Omit<AnalyticsQuery, 'format'>;

export type ReportName = 'calls' | 'volume' | 'busiest-hours' | 'drop-off';

/** What the volume report takes besides the period: the bucket (else the API's choice for the period) and filters. */
export type VolumeOptions = Partial<Pick<CallVolumeQuery, 'bucket' | 'flowId' | 'queueId' | 'agentId'>>;

/** A report as CSV, with the file name the API suggests. */
export interface CsvFile {
  text: string;
  filename: string;
}

/** The reports of `/api/analytics` (supervisors and up), as JSON or as the CSV the API writes. */
export function createAnalyticsClient(client: Pick<HttpClient, 'request' | 'respond'>) {
  return {
    /** Calls, answered, abandoned, voicemail, waits and service level: one row, or one per flow, queue or agent. */
    calls: (query: ReportQuery & Pick<CallMetricsQuery, 'by'>): Promise<CallMetricsReport> =>
      client.request('/analytics/calls', { query, schema: CallMetricsReportSchema }),
    /** The same figures per hour, day, week or month of the period, every slice present: the charts over time in one request. */
    volume: (query: ReportQuery & VolumeOptions): Promise<CallVolumeReport> => client.request('/analytics/volume', { query, schema: CallVolumeReportSchema }),
    /** Calls per hour of the week (168 rows, Monday 00:00 first) in the time zone. */
    busiestHours: (query: ReportQuery): Promise<BusiestHoursReport> => client.request('/analytics/busiest-hours', { query, schema: BusiestHoursReportSchema }),
    /** Callers who hung up, per flow node, most first. */
    dropOff: (query: ReportQuery): Promise<DropOffReport> => client.request('/analytics/drop-off', { query, schema: DropOffReportSchema }),
    async csv(report: ReportName, query: ReportQuery & Partial<Pick<CallMetricsQuery, 'by'>>): Promise<CsvFile> {
      const response = await client.respond(`/analytics/${report}`, { query: { ...query, format: 'csv' } });
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${report}.csv`;
      return { text: await response.text(), filename };
    },
  };
}

export type AnalyticsClient = ReturnType<typeof createAnalyticsClient>;

export const analyticsClient = createAnalyticsClient(http);
