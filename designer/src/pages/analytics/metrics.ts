import type { CallMetricsRow } from '@callflow/schemas';
import type { Bucket } from './period';

/** "42%", or "—" when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

export function serviceLevelText(row: Pick<CallMetricsRow, 'serviceLevel'>): string {
  return row.serviceLevel === null ? '—' : `${Math.round(row.serviceLevel * 100)}%`;
}

/** Calls ended otherwise: the flow finished them (messages, transfers), callbacks, failures. */
export function otherCalls(row: CallMetricsRow): number {
  return Math.max(0, row.calls - row.answered - row.abandoned - row.voicemail);
}

/** Per slice of the period: calls by how they ended, for the stacked volume chart. */
export function volumePoints(buckets: readonly Bucket[], rows: readonly CallMetricsRow[]) {
  return buckets.map((bucket, index) => {
    const row = rows[index]!;
    return { label: bucket.label, answered: row.answered, abandoned: row.abandoned, voicemail: row.voicemail, other: otherCalls(row) };
  });
}

/** Per slice of the period: average and 90th-percentile waits (seconds) and the service level (percent); null when no call waited. */
export function waitPoints(buckets: readonly Bucket[], rows: readonly CallMetricsRow[]) {
  return buckets.map((bucket, index) => {
    const row = rows[index]!;
    return {
      label: bucket.label,
      averageWait: row.avgWaitSecs === null ? null : Math.round(row.avgWaitSecs),
      p90Wait: row.p90WaitSecs === null ? null : Math.round(row.p90WaitSecs),
      serviceLevel: row.serviceLevel === null ? null : Math.round(row.serviceLevel * 100),
    };
  });
}
