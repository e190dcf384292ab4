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
