import type { CallMetricsRow, CallVolumeBucket, CallVolumeReport, VolumeBucket } from '@callflow/schemas';
import { DateTime } from 'luxon';

/** "42%", or "—" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

export function serviceLevelText(row: Pick<CallMetricsRow, 'serviceLevel'>): string {
  return row.serviceLevel === null ? '—' : `${Math.round(row.serviceLevel * 100)}%`;
}

/** Calls ended otherwise: the flow finished them (messages, transfers), callbacks, failures. */
export function otherCalls(row: Pick<CallMetricsRow, 'calls' | 'answered' | 'abandoned' | 'voicemail'>): number {
  return Math.max(0, row.calls - row.answered - row.abandoned - row.voicemail);
}

const LABELS: Record<VolumeBucket, string> = { hour: 'HH:mm', day: 'd LLL', week: 'd LLL', month: 'LLL yyyy' };

/** A slice's label on the time axis, from its wall-clock start in the report's time zone. */
export function sliceLabel(bucket: VolumeBucket, row: Pick<CallVolumeBucket, 'start'>): string {
  return DateTime.fromISO(row.start, { zone: 'utc' }).toFormat(LABELS[bucket]);
}

/** Per slice of the period: calls by how they ended, for the stacked volume chart. */
export function volumePoints(report: CallVolumeReport) {
  return report.rows.map((row) => ({
    label: sliceLabel(report.bucket, row),
    answered: row.answered,
    abandoned: row.abandoned,
    voicemail: row.voicemail,
    other: otherCalls(row),
  }));
}

/** Per slice of the period: average and 90th-percentile waits (seconds) and the service level (percent); null when no call waited. */
export function waitPoints(report: CallVolumeReport) {
  return report.rows.map((row) => ({
    label: sliceLabel(report.bucket, row),
    averageWait: row.avgWaitSecs === null ? null : Math.round(row.avgWaitSecs),
    p90Wait: row.p90WaitSecs === null ? null : Math.round(row.p90WaitSecs),
    serviceLevel: row.serviceLevel === null ? null : Math.round(row.serviceLevel * 100),
  }));
}
