import type { z } from 'zod';
import {
  EmergencyOverrideSchema,
  HolidayRuleSchema,
  HolidaySchema,
  OpeningIntervalSchema,
  ScheduleSchema,
  TimeOfDaySchema,
  WeeklyHoursSchema,
} from './schedule.schema';

function issues(schema: z.ZodType, value: unknown): { path: PropertyKey[]; message: string }[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be rejected');
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

const nineToFive = [{ open: '09:00', close: '17:00' }];
const weekly = {
  monday: nineToFive,
  tuesday: nineToFive,
  wednesday: nineToFive,
  thursday: nineToFive,
  friday: nineToFive,
  saturday: [],
  sunday: [],
};
const schedule = {
  id: 'main-office',
  name: 'Main office',
  timeZone: 'America/New_York',
  weekly,
  holidays: [{ id: 'xmas', name: 'Christmas', rule: { type: 'yearly-date', month: 12, day: 25, observedShift: 'nearest-weekday' } }],
  override: null,
};

describe('TimeOfDaySchema', () => {
  it.each(['00:00', '09:30', '23:59', '24:00'])('accepts %s', (time) => {
    expect(TimeOfDaySchema.parse(time)).toBe(time);
  });

  it.each(['9:30', '24:01', '25:00', '12:60', '12:00:00'])('rejects %s', (time) => {
    expect(issues(TimeOfDaySchema, time)).toEqual([
      { path: [], message: 'expected a 24-hour time "HH:MM" between 00:00 and 24:00' },
    ]);
  });
});

describe('OpeningIntervalSchema', () => {
  it('accepts an interval closing at midnight', () => {
    expect(OpeningIntervalSchema.parse({ open: '18:00', close: '24:00' })).toEqual({ open: '18:00', close: '24:00' });
  });

  it('rejects an interval crossing midnight, pointing at close', () => {
    expect(issues(OpeningIntervalSchema, { open: '22:00', close: '02:00' })).toEqual([
      { path: ['close'], message: 'close must be later than open on the same day (split overnight hours over two days)' },
    ]);
  });
});

describe('WeeklyHoursSchema', () => {
  it('accepts split hours that touch', () => {
    const hours = { ...weekly, monday: [{ open: '12:00', close: '17:00' }, { open: '08:00', close: '12:00' }] };
    expect(WeeklyHoursSchema.parse(hours).monday).toHaveLength(2);
  });

  it('rejects overlapping intervals, pointing at the later one', () => {
    const hours = { ...weekly, friday: [{ open: '13:00', close: '18:00' }, { open: '09:00', close: '14:00' }] };
    expect(issues(WeeklyHoursSchema, hours)).toEqual([
      { path: ['friday', 0], message: 'interval 13:00–18:00 overlaps 09:00–14:00' },
    ]);
  });

  it('requires every weekday', () => {
    const { sunday: _sunday, ...withoutSunday } = weekly;
    expect(issues(WeeklyHoursSchema, withoutSunday).map((issue) => issue.path)).toEqual([['sunday']]);
  });
});

describe('HolidayRuleSchema', () => {
  it.each([
    { type: 'date', date: '2026-07-03' },
    { type: 'range', from: '2026-12-24', to: '2027-01-02' },
    { type: 'yearly-date', month: 2, day: 29 },
    { type: 'yearly-weekday', month: 11, weekday: 4, nth: 4 },
    { type: 'yearly-weekday', month: 5, weekday: 1, nth: -1 },
    { type: 'yearly-weekday', month: 5, weekday: 1, nth: -2 },
    { type: 'yearly-date', month: 12, day: 26, observedShift: 'next-free-weekday' },
    { type: 'yearly-easter', offsetDays: -2 },
  ])('accepts $type', (rule) => {
    expect(HolidayRuleSchema.parse(rule)).toMatchObject(rule);
  });

  it('defaults observedShift to none', () => {
    expect(HolidayRuleSchema.parse({ type: 'yearly-date', month: 1, day: 1 })).toEqual({
      type: 'yearly-date',
      month: 1,
      day: 1,
      observedShift: 'none',
    });
  });

  it('rejects an impossible date', () => {
    expect(issues(HolidayRuleSchema, { type: 'date', date: '2026-02-30' })).toEqual([
      { path: ['date'], message: 'expected a calendar date "YYYY-MM-DD"' },
    ]);
  });

  it('rejects a range that ends before it starts', () => {
    expect(issues(HolidayRuleSchema, { type: 'range', from: '2026-05-02', to: '2026-05-01' })).toEqual([
      { path: ['to'], message: '"to" must not be before "from"' },
    ]);
  });

  it('rejects a yearly date the month does not have', () => {
    expect(issues(HolidayRuleSchema, { type: 'yearly-date', month: 4, day: 31 })).toEqual([
      { path: ['day'], message: 'this month has no such day' },
    ]);
  });

  it('rejects nth 0 and weekday 8', () => {
    expect(issues(HolidayRuleSchema, { type: 'yearly-weekday', month: 11, weekday: 8, nth: 0 }).map((i) => i.path)).toEqual([
      ['weekday'],
      ['nth'],
    ]);
  });

  it('rejects Easter offsets that are not whole days within ten weeks', () => {
    expect(issues(HolidayRuleSchema, { type: 'yearly-easter', offsetDays: 71 }).map((i) => i.path)).toEqual([['offsetDays']]);
    expect(issues(HolidayRuleSchema, { type: 'yearly-easter', offsetDays: 1.5 }).map((i) => i.path)).toEqual([['offsetDays']]);
  });

  it('rejects an unknown rule type', () => {
    expect(issues(HolidayRuleSchema, { type: 'easter' }).map((i) => i.path)).toEqual([['type']]);
  });
});

describe('HolidaySchema', () => {
  it('accepts a holiday with partial hours', () => {
    const eve = { id: 'eve', name: 'Christmas Eve', rule: { type: 'yearly-date', month: 12, day: 24 }, hours: [{ open: '09:00', close: '12:00' }] };
    expect(HolidaySchema.parse(eve).hours).toEqual([{ open: '09:00', close: '12:00' }]);
  });

  it('rejects an empty name and bad hours', () => {
    const bad = { id: 'eve', name: '', rule: { type: 'date', date: '2026-12-24' }, hours: [{ open: '12:00', close: '09:00' }] };
    expect(issues(HolidaySchema, bad).map((i) => i.path)).toEqual([['name'], ['hours', 0, 'close']]);
  });
});

describe('EmergencyOverrideSchema', () => {
  it('accepts an override with and without an expiry', () => {
    expect(EmergencyOverrideSchema.parse({ mode: 'closed', reason: 'Storm', until: '2026-03-01T12:00:00-05:00' }).until).toBe(
      '2026-03-01T12:00:00-05:00',
    );
    expect(EmergencyOverrideSchema.parse({ mode: 'open', until: null }).mode).toBe('open');
  });

  it('rejects an expiry without an offset', () => {
    expect(issues(EmergencyOverrideSchema, { mode: 'closed', until: '2026-03-01 12:00' })).toEqual([
      { path: ['until'], message: 'expected an ISO 8601 instant such as "2026-05-01T09:00:00Z"' },
    ]);
  });
});

describe('ScheduleSchema', () => {
  it('accepts a complete schedule', () => {
    expect(ScheduleSchema.parse(schedule)).toEqual(schedule);
  });

  it('rejects an unknown time zone with a clear message', () => {
    expect(issues(ScheduleSchema, { ...schedule, timeZone: 'Mars/Base' })).toEqual([
      {
        path: ['timeZone'],
        message: 'unknown time zone "Mars/Base": use an IANA name such as "America/New_York" or "Europe/London"',
      },
    ]);
  });

  it('rejects duplicate holiday ids', () => {
    const holiday = schedule.holidays[0]!;
    expect(issues(ScheduleSchema, { ...schedule, holidays: [holiday, holiday] })).toEqual([
      { path: ['holidays', 1, 'id'], message: 'duplicate holiday id "xmas"' },
    ]);
  });
});
