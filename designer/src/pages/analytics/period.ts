import { DateTime } from 'luxon';

export type PeriodPreset = 'today' | 'last-7-days' | 'last-30-days' | 'this-month' | 'last-month' | 'custom';

export const PERIOD_PRESETS: Array<{ value: PeriodPreset; label: string }> = [
  { value: 'today', label: 'Today' },
  { value: 'last-7-days', label: '7 days' },
  { value: 'last-30-days', label: '30 days' },
  { value: 'this-month', label: 'This month' },
  { value: 'last-month', label: 'Last month' },
  { value: 'custom', label: 'Custom' },
];

/** A report period as the analytics routes take it: local dates in the time zone, `to` excluded. */
export interface Period {
  from: string;
  to: string;
}

const DATE = 'yyyy-MM-dd';

/**
 * The period a preset means at `now` in `timeZone` (today included); `custom` takes the first and last day
 * chosen, both included.
 */
export function periodOf(preset: PeriodPreset, timeZone: string, now: Date, custom: { first: string; last: string }): Period {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const tomorrow = today.plus({ days: 1 }).toFormat(DATE);
  switch (preset) {
    case 'today':
      return { from: today.toFormat(DATE), to: tomorrow };
    case 'last-7-days':
      return { from: today.minus({ days: 6 }).toFormat(DATE), to: tomorrow };
    case 'last-30-days':
      return { from: today.minus({ days: 29 }).toFormat(DATE), to: tomorrow };
    case 'this-month':
      return { from: today.startOf('month').toFormat(DATE), to: tomorrow };
    case 'last-month':
      return { from: today.minus({ months: 1 }).startOf('month').toFormat(DATE), to: today.startOf('month').toFormat(DATE) };
    case 'custom':
      return { from: custom.first, to: DateTime.fromISO(custom.last, { zone: 'utc' }).plus({ days: 1 }).toFormat(DATE) };
  }
}

/** One point of the volume chart: a slice of the period. */
export interface Bucket extends Period {
  label: string;
}

/**
 * The period cut into at most a few dozen slices for the charts over time: hours for a day, days up to 45 days,
 * weeks (from the first day) up to 200 days, months beyond. Each slice is one call of the metrics report.
 */
export function bucketsOf(period: Period): Bucket[] {
  // Calendar arithmetic on wall-clock dates and hours: UTC has no daylight-saving gaps.
  const start = DateTime.fromISO(period.from, { zone: 'utc' });
  const end = DateTime.fromISO(period.to, { zone: 'utc' });
  const days = end.diff(start, 'days').days;
  const step = days <= 1 ? { hours: 1 } : days <= 45 ? { days: 1 } : days <= 200 ? { weeks: 1 } : { months: 1 };
  const format = days <= 1 ? (at: DateTime) => at.toFormat('HH:mm') : days <= 200 ? (at: DateTime) => at.toFormat('d LLL') : (at: DateTime) => at.toFormat('LLL yyyy');
  const local = (at: DateTime) => (days <= 1 ? at.toFormat("yyyy-MM-dd'T'HH:mm") : at.toFormat(DATE));
  const buckets: Bucket[] = [];
  const first = 'months' in step ? start.startOf('month') : start;
  for (let at = first; at < end; at = at.plus(step)) {
    const from = at < start ? start : at;
    const next = at.plus(step);
    buckets.push({ from: local(from), to: local(next > end ? end : next), label: format(from) });
  }
  return buckets;
}
