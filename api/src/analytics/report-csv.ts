import type { BusiestHoursReport, CallMetricsReport, CallVolumeReport, DropOffReport } from '@callflow/schemas';
import { toCsv, type CsvValue } from './csv';

type MetricsRow = CallMetricsReport['rows'][number];
type Figures = Omit<MetricsRow, 'key' | 'name'>;

/** The figures a report and a series row share. */
function figureColumns(serviceLevelSecs: number): Array<{ header: string; value: (row: Figures) => CsvValue }> {
  return [
    { header: 'calls', value: (row) => row.calls },
    { header: 'answered', value: (row) => row.answered },
    { header: 'abandoned', value: (row) => row.abandoned },
    { header: 'voicemail', value: (row) => row.voicemail },
    { header: 'waited', value: (row) => row.waited },
    { header: 'avg_wait_secs', value: (row) => row.avgWaitSecs },
    { header: 'p90_wait_secs', value: (row) => row.p90WaitSecs },
    { header: 'avg_handle_secs', value: (row) => row.avgHandleSecs },
    { header: `answered_within_${serviceLevelSecs}s`, value: (row) => row.answeredWithinServiceLevel },
    { header: 'service_level', value: (row) => row.serviceLevel },
  ];
}

export function callMetricsCsv(report: CallMetricsReport): string {
  return toCsv<MetricsRow>(
    [
      { header: report.by === 'tenant' ? 'tenant' : `${report.by}_id`, value: (row) => row.key },
      { header: 'name', value: (row) => row.name },
      ...figureColumns(report.serviceLevelSecs),
    ],
    report.rows,
  );
}

export function callVolumeCsv(report: CallVolumeReport): string {
  return toCsv<CallVolumeReport['rows'][number]>(
    [
      { header: 'start', value: (row) => row.start },
      { header: 'from', value: (row) => row.from },
      { header: 'to', value: (row) => row.to },
      ...figureColumns(report.serviceLevelSecs),
    ],
    report.rows,
  );
}

export function busiestHoursCsv(report: BusiestHoursReport): string {
  return toCsv<BusiestHoursReport['rows'][number]>(
    [
      { header: 'day_of_week', value: (row) => row.dayOfWeek },
      { header: 'hour', value: (row) => row.hour },
      { header: 'calls', value: (row) => row.calls },
    ],
    report.rows,
  );
}

export function dropOffCsv(report: DropOffReport): string {
  return toCsv<DropOffReport['rows'][number]>(
    [
      { header: 'flow_id', value: (row) => row.flowId },
      { header: 'flow_name', value: (row) => row.flowName },
      { header: 'node', value: (row) => row.node },
      { header: 'kind', value: (row) => row.kind },
      { header: 'label', value: (row) => row.label },
      { header: 'hang_ups', value: (row) => row.hangUps },
    ],
    report.rows,
  );
}
