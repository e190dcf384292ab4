import { periodOf } from './period';

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
});
