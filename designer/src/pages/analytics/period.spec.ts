import { AnalyticsQuerySchema } from '@callflow/schemas';
import { bucketsOf, periodOf } from './period';

// 23:30 on Monday 2 November 2026 in New York is already Tuesday 3 November in UTC.
const now = new Date('2026-11-03T04:30:00Z');
const custom = { first: '2026-10-01', last: '2026-10-31' };

describe('report periods', () => {
  it('reads presets in the chosen time zone, today included and the end excluded', () => {
    expect(periodOf('today', 'America/New_York', now, custom)).toEqual({ from: '2026-11-02', to: '2026-11-03' });
    expect(periodOf('today', 'UTC', now, custom)).toEqual({ from: '2026-11-03', to: '2026-11-04' });
    expect(periodOf('last-7-days', 'America/New_York', now, custom)).toEqual({ from: '2026-10-27', to: '2026-11-03' });
    expect(periodOf('this-month', 'America/New_York', now, custom)).toEqual({ from: '2026-11-01', to: '2026-11-03' });
    expect(periodOf('last-month', 'America/New_York', now, custom)).toEqual({ from: '2026-10-01', to: '2026-11-01' });
    expect(periodOf('custom', 'America/New_York', now, custom)).toEqual({ from: '2026-10-01', to: '2026-11-01' });
  });

  it('cuts a day into hours, a month into days, a half year into weeks and a year into months', () => {
    const hours = bucketsOf({ from: '2026-11-02', to: '2026-11-03' });
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ from: '2026-11-02T00:00', to: '2026-11-02T01:00', label: '00:00' });
    expect(hours.at(-1)).toEqual({ from: '2026-11-02T23:00', to: '2026-11-03T00:00', label: '23:00' });

    const days = bucketsOf({ from: '2026-10-01', to: '2026-11-01' });
    expect(days).toHaveLength(31);
    expect(days[30]).toEqual({ from: '2026-10-31', to: '2026-11-01', label: '31 Oct' });

    const weeks = bucketsOf({ from: '2026-05-01', to: '2026-11-01' });
    expect(weeks).toHaveLength(27);
    expect(weeks.at(-1)).toEqual({ from: '2026-10-30', to: '2026-11-01', label: '30 Oct' });

    const months = bucketsOf({ from: '2025-11-15', to: '2026-11-01' });
    expect(months.map((bucket) => bucket.label)).toEqual(['Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026', 'Apr 2026', 'May 2026', 'Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026']);
    expect(months[0]).toEqual({ from: '2025-11-15', to: '2025-12-01', label: 'Nov 2025' });
  });

  it('gives slices that cover the period without gaps, each a query the API takes', () => {
    for (const period of [{ from: '2026-11-02', to: '2026-11-03' }, { from: '2026-03-01', to: '2026-04-12' }, { from: '2025-11-15', to: '2026-11-01' }]) {
      const buckets = bucketsOf(period);
      expect(buckets[0]!.from.slice(0, 10)).toBe(period.from);
      expect(buckets.at(-1)!.to.slice(0, 10)).toBe(period.to);
      buckets.slice(1).forEach((bucket, index) => expect(bucket.from).toBe(buckets[index]!.to));
      for (const bucket of buckets) expect(AnalyticsQuerySchema.safeParse({ from: bucket.from, to: bucket.to, timeZone: 'Europe/London' }).success).toBe(true);
    }
  });
});
