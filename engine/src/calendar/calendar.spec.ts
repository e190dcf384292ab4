import type { Holiday, OpeningInterval, Schedule, WeeklyHours } from '@callflow/schemas';
import { holidaysInYear, nextOpening, scheduleStatusAt } from './index';

/** An instant written with an explicit offset, so expectations do not depend on the code under test. */
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant in test: ${iso}`);
  return ms;
};
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const nineToFive: OpeningInterval[] = [{ open: '09:00', close: '17:00' }];
const weekdays: WeeklyHours = {
  monday: nineToFive,
  tuesday: nineToFive,
  wednesday: nineToFive,
  thursday: nineToFive,
  friday: nineToFive,
  saturday: [],
  sunday: [],
};

function schedule(timeZone: string, overrides: Partial<Schedule> = {}): Schedule {
  return { id: 'office', name: 'Office', timeZone, weekly: weekdays, holidays: [], override: null, ...overrides };
}

const thanksgiving: Holiday = {
  id: 'thanksgiving',
  name: 'Thanksgiving',
  rule: { type: 'yearly-weekday', month: 11, weekday: 4, nth: 4 },
};
const memorialDay: Holiday = { id: 'memorial', name: 'Memorial Day', rule: { type: 'yearly-weekday', month: 5, weekday: 1, nth: -1 } };
const christmas: Holiday = {
  id: 'christmas',
  name: 'Christmas Day',
  rule: { type: 'yearly-date', month: 12, day: 25, observedShift: 'nearest-weekday' },
};
const christmasEve: Holiday = {
  id: 'christmas-eve',
  name: 'Christmas Eve',
  rule: { type: 'yearly-date', month: 12, day: 24, observedShift: 'none' },
  hours: [{ open: '09:00', close: '12:00' }],
};
const newYear: Holiday = { id: 'new-year', name: "New Year's Day", rule: { type: 'yearly-date', month: 1, day: 1, observedShift: 'nearest-weekday' } };
const independenceDay: Holiday = {
  id: 'july-4',
  name: 'Independence Day',
  rule: { type: 'yearly-date', month: 7, day: 4, observedShift: 'nearest-weekday' },
};

describe('scheduleStatusAt — weekly hours', () => {
  const newYork = schedule('America/New_York');

  it('is open within the hours on the local wall clock, close time exclusive', () => {
    // Tuesday 2026-01-13, EST (UTC-5).
    expect(scheduleStatusAt(newYork, at('2026-01-13T09:00:00-05:00'))).toEqual({ state: 'open', reason: 'weekly-hours' });
    expect(scheduleStatusAt(newYork, at('2026-01-13T16:59:59-05:00')).state).toBe('open');
    expect(scheduleStatusAt(newYork, at('2026-01-13T08:59:59-05:00'))).toEqual({ state: 'closed', reason: 'outside-hours' });
    expect(scheduleStatusAt(newYork, at('2026-01-13T17:00:00-05:00')).state).toBe('closed');
  });

  it('is closed on a day without hours', () => {
    expect(scheduleStatusAt(newYork, at('2026-01-17T12:00:00-05:00')).state).toBe('closed'); // Saturday
  });

  it('reads the weekday in the schedule time zone, not in UTC', () => {
    // Monday 2026-01-12 16:30 in New York is already Monday 21:30 UTC; Monday 20:00 New York is Tuesday 01:00 UTC.
    expect(scheduleStatusAt(newYork, at('2026-01-12T21:30:00Z')).state).toBe('open');
    const mondayOnly = schedule('America/New_York', { weekly: { ...weekdays, monday: [{ open: '18:00', close: '24:00' }], tuesday: [] } });
    expect(scheduleStatusAt(mondayOnly, at('2026-01-13T01:00:00Z')).state).toBe('open');
    expect(scheduleStatusAt(mondayOnly, at('2026-01-13T05:00:00Z')).state).toBe('closed'); // Tuesday 00:00 local
  });

  it('handles split hours with a lunch break', () => {
    const split = schedule('Europe/London', {
      weekly: { ...weekdays, wednesday: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '18:00' }] },
    });
    expect(scheduleStatusAt(split, at('2026-01-14T11:59:00Z')).state).toBe('open');
    expect(scheduleStatusAt(split, at('2026-01-14T12:30:00Z')).state).toBe('closed');
    expect(scheduleStatusAt(split, at('2026-01-14T13:00:00Z')).state).toBe('open');
  });

  it('refuses an unknown time zone with a clear error', () => {
    expect(() => scheduleStatusAt(schedule('Mars/Base'), 0)).toThrow('unknown time zone "Mars/Base"');
  });
});

describe('daylight saving time', () => {
  describe('America/New_York', () => {
    // 2026-03-08 (Sunday): 02:00 EST jumps to 03:00 EDT. 2026-11-01 (Sunday): 02:00 EDT falls back to 01:00 EST.
    const night = schedule('America/New_York', {
      weekly: { ...weekdays, sunday: [{ open: '02:30', close: '05:00' }] },
    });

    it('opens a 02:30 interval at 03:00 EDT on the spring-forward day, when the wall clock passes 02:30', () => {
      expect(scheduleStatusAt(night, at('2026-03-08T01:59:59-05:00')).state).toBe('closed');
      expect(scheduleStatusAt(night, at('2026-03-08T03:00:00-04:00')).state).toBe('open');
      expect(iso(nextOpening(night, at('2026-03-08T01:00:00-05:00')))).toBe('2026-03-08T07:00:00.000Z');
    });

    it('uses the new offset for regular hours after the change', () => {
      // Monday 2026-03-09 09:00 EDT is 13:00 UTC; a week earlier 09:00 EST was 14:00 UTC.
      expect(iso(nextOpening(schedule('America/New_York'), at('2026-03-06T18:00:00-05:00')))).toBe('2026-03-09T13:00:00.000Z');
      expect(iso(nextOpening(schedule('America/New_York'), at('2026-02-27T18:00:00-05:00')))).toBe('2026-03-02T14:00:00.000Z');
    });

    it('is open in both passes of the repeated hour in autumn', () => {
      const repeated = schedule('America/New_York', { weekly: { ...weekdays, sunday: [{ open: '01:00', close: '01:30' }] } });
      expect(scheduleStatusAt(repeated, at('2026-11-01T01:15:00-04:00')).state).toBe('open');
      expect(scheduleStatusAt(repeated, at('2026-11-01T01:45:00-04:00')).state).toBe('closed');
      expect(scheduleStatusAt(repeated, at('2026-11-01T01:15:00-05:00')).state).toBe('open');
      // Between the two passes the next opening is the second 01:00, in EST.
      expect(iso(nextOpening(repeated, at('2026-11-01T01:45:00-04:00')))).toBe('2026-11-01T06:00:00.000Z');
    });

    it('reopens when the clock falls back into an interval that began before the repeated hour', () => {
      const early = schedule('America/New_York', { weekly: { ...weekdays, sunday: [{ open: '00:30', close: '01:30' }] } });
      // At 01:45 EDT it is closed; at 02:00 EDT the clock shows 01:00 EST, inside 00:30–01:30 again.
      expect(iso(nextOpening(early, at('2026-11-01T01:45:00-04:00')))).toBe('2026-11-01T06:00:00.000Z');
    });
  });

  describe('Europe/London', () => {
    // 2026-03-29: 01:00 GMT jumps to 02:00 BST. 2026-10-25: 02:00 BST falls back to 01:00 GMT.
    const london = schedule('Europe/London');

    it('opens at 09:00 local across both changes', () => {
      expect(iso(nextOpening(london, at('2026-03-27T18:00:00Z')))).toBe('2026-03-30T08:00:00.000Z');
      expect(iso(nextOpening(london, at('2026-10-23T18:00:00+01:00')))).toBe('2026-10-26T09:00:00.000Z');
      expect(scheduleStatusAt(london, at('2026-03-30T08:30:00Z')).state).toBe('open');
      expect(scheduleStatusAt(london, at('2026-03-23T08:30:00Z')).state).toBe('closed');
    });

    it('keeps a 24-hour Sunday open through the 23-hour day', () => {
      const allDay = schedule('Europe/London', { weekly: { ...weekdays, sunday: [{ open: '00:00', close: '24:00' }] } });
      expect(scheduleStatusAt(allDay, at('2026-03-29T00:59:59Z')).state).toBe('open');
      expect(scheduleStatusAt(allDay, at('2026-03-29T02:00:00+01:00')).state).toBe('open');
      expect(scheduleStatusAt(allDay, at('2026-03-29T23:00:00Z')).state).toBe('closed'); // Monday 00:00 BST
    });
  });

  describe('Australia/Sydney (southern hemisphere)', () => {
    // Summer time (AEDT, +11) ends 2026-04-05 03:00 → 02:00 AEST (+10) and starts 2026-10-04 02:00 → 03:00.
    const sydney = schedule('Australia/Sydney');

    it('uses +11 in January and +10 in July', () => {
      expect(iso(nextOpening(sydney, at('2026-01-12T06:00:00Z')))).toBe('2026-01-12T22:00:00.000Z'); // Tue 09:00 AEDT
      expect(iso(nextOpening(sydney, at('2026-07-13T08:00:00Z')))).toBe('2026-07-13T23:00:00.000Z'); // Tue 09:00 AEST
    });

    it('crosses the April change over a weekend', () => {
      // Friday 2026-04-03 18:00 AEDT → Monday 2026-04-06 09:00 AEST.
      expect(iso(nextOpening(sydney, at('2026-04-03T18:00:00+11:00')))).toBe('2026-04-05T23:00:00.000Z');
    });

    it('opens a 02:00 interval at 03:00 AEDT when October skips 02:00–03:00', () => {
      const night = schedule('Australia/Sydney', { weekly: { ...weekdays, sunday: [{ open: '02:00', close: '04:00' }] } });
      expect(scheduleStatusAt(night, at('2026-10-04T01:59:00+10:00')).state).toBe('closed');
      expect(iso(nextOpening(night, at('2026-10-04T01:00:00+10:00')))).toBe('2026-10-03T16:00:00.000Z');
    });
  });

  describe('Asia/Kolkata (no DST, half-hour offset)', () => {
    it('opens at 09:00 IST = 03:30 UTC all year', () => {
      const kolkata = schedule('Asia/Kolkata');
      expect(iso(nextOpening(kolkata, at('2026-01-13T00:00:00Z')))).toBe('2026-01-13T03:30:00.000Z');
      expect(iso(nextOpening(kolkata, at('2026-07-14T00:00:00Z')))).toBe('2026-07-14T03:30:00.000Z');
      expect(scheduleStatusAt(kolkata, at('2026-07-14T11:29:00Z')).state).toBe('open');
      expect(scheduleStatusAt(kolkata, at('2026-07-14T11:30:00Z')).state).toBe('closed');
    });
  });
});

describe('holidays', () => {
  const us = schedule('America/New_York', { holidays: [thanksgiving, memorialDay, christmasEve, christmas, newYear, independenceDay] });

  it('finds the fourth Thursday of November', () => {
    expect(holidaysInYear(us, 2026).filter((entry) => entry.holiday.id === 'thanksgiving').map((entry) => entry.date)).toEqual([
      '2026-11-26',
    ]);
    expect(scheduleStatusAt(us, at('2026-11-26T10:00:00-05:00'))).toEqual({
      state: 'holiday',
      reason: 'holiday',
      holiday: { id: 'thanksgiving', name: 'Thanksgiving' },
    });
    expect(scheduleStatusAt(us, at('2026-11-19T10:00:00-05:00')).state).toBe('open');
  });

  it('finds the last Monday of May', () => {
    const dates = (year: number) => holidaysInYear(us, year).filter((entry) => entry.holiday.id === 'memorial').map((entry) => entry.date);
    expect(dates(2026)).toEqual(['2026-05-25']);
    expect(dates(2027)).toEqual(['2027-05-31']);
  });

  it('observes Christmas on a Saturday on the Friday before, besides the day itself', () => {
    const december = holidaysInYear(us, 2027).filter((entry) => entry.date >= '2027-12-01');
    expect(december.map((entry) => [entry.date, entry.holiday.id, entry.observed])).toEqual([
      ['2027-12-24', 'christmas-eve', false],
      ['2027-12-24', 'christmas', true],
      ['2027-12-25', 'christmas', false],
      // New Year's Day 2028 is a Saturday: observed on Friday 2027-12-31.
      ['2027-12-31', 'new-year', true],
    ]);
    // The all-day observed Christmas overrides Christmas Eve's partial hours.
    expect(scheduleStatusAt(us, at('2027-12-24T10:00:00-05:00'))).toEqual({
      state: 'holiday',
      reason: 'holiday',
      holiday: { id: 'christmas', name: 'Christmas Day' },
    });
    expect(holidaysInYear(us, 2028).filter((entry) => entry.holiday.id === 'new-year')).toEqual([
      { date: '2028-01-01', holiday: newYear, observed: false },
    ]);
  });

  it('observes a Sunday holiday on the Monday after', () => {
    expect(holidaysInYear(us, 2027).filter((entry) => entry.holiday.id === 'july-4').map((entry) => entry.date)).toEqual([
      '2027-07-04',
      '2027-07-05',
    ]);
    expect(scheduleStatusAt(us, at('2027-07-05T10:00:00-04:00')).state).toBe('holiday');
  });

  it('opens only the partial hours of a holiday', () => {
    // Thursday 2026-12-24: open 09:00–12:00 only.
    expect(scheduleStatusAt(us, at('2026-12-24T10:00:00-05:00'))).toEqual({
      state: 'open',
      reason: 'holiday-hours',
      holiday: { id: 'christmas-eve', name: 'Christmas Eve' },
    });
    expect(scheduleStatusAt(us, at('2026-12-24T13:00:00-05:00'))).toEqual({
      state: 'holiday',
      reason: 'holiday',
      holiday: { id: 'christmas-eve', name: 'Christmas Eve' },
    });
    // Christmas is Friday, then the weekend: next opening is Monday 2026-12-28 09:00 EST.
    expect(iso(nextOpening(us, at('2026-12-24T12:30:00-05:00')))).toBe('2026-12-28T14:00:00.000Z');
  });

  it('covers one-off dates and ranges across a year end', () => {
    const closures = schedule('Europe/London', {
      holidays: [
        { id: 'stocktake', name: 'Stocktake', rule: { type: 'date', date: '2026-06-12' } },
        { id: 'winter', name: 'Winter break', rule: { type: 'range', from: '2026-12-30', to: '2027-01-04' } },
      ],
    });
    expect(scheduleStatusAt(closures, at('2026-06-12T10:00:00+01:00')).state).toBe('holiday');
    expect(scheduleStatusAt(closures, at('2027-06-12T10:00:00+01:00')).state).toBe('closed'); // a Saturday, no longer a holiday
    expect(holidaysInYear(closures, 2026).map((entry) => entry.date)).toEqual(['2026-06-12', '2026-12-30', '2026-12-31']);
    expect(holidaysInYear(closures, 2027).map((entry) => entry.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04']);
    expect(scheduleStatusAt(closures, at('2027-01-04T10:00:00Z')).state).toBe('holiday');
    expect(iso(nextOpening(closures, at('2026-12-29T18:00:00Z')))).toBe('2027-01-05T09:00:00.000Z');
  });

  it('skips years without the date or the nth weekday', () => {
    const rare = schedule('UTC', {
      holidays: [
        { id: 'leap', name: 'Leap day', rule: { type: 'yearly-date', month: 2, day: 29, observedShift: 'none' } },
        { id: 'fifth-monday', name: 'Fifth Monday of March', rule: { type: 'yearly-weekday', month: 3, weekday: 1, nth: 5 } },
      ],
    });
    expect(holidaysInYear(rare, 2027).map((entry) => entry.date)).toEqual(['2027-03-29']);
    expect(holidaysInYear(rare, 2028).map((entry) => entry.date)).toEqual(['2028-02-29']);
  });
});

describe('emergency override', () => {
  const office = schedule('America/New_York', { holidays: [thanksgiving] });
  const tuesdayMorning = at('2026-01-13T10:00:00-05:00');

  it('closes the business until removed', () => {
    const closed = { ...office, override: { mode: 'closed' as const, reason: 'Power outage', until: null } };
    expect(scheduleStatusAt(closed, tuesdayMorning)).toEqual({ state: 'closed', reason: 'emergency', message: 'Power outage' });
    expect(nextOpening(closed, tuesdayMorning)).toBeNull();
  });

  it('expires at `until` and the normal schedule applies again', () => {
    const closed = { ...office, override: { mode: 'closed' as const, until: '2026-01-13T12:00:00-05:00' } };
    expect(scheduleStatusAt(closed, tuesdayMorning)).toEqual({ state: 'closed', reason: 'emergency' });
    expect(scheduleStatusAt(closed, at('2026-01-13T12:00:00-05:00'))).toEqual({ state: 'open', reason: 'weekly-hours' });
    expect(iso(nextOpening(closed, tuesdayMorning))).toBe('2026-01-13T17:00:00.000Z');
    // Expiring after hours: the next opening is the following morning.
    const evening = { ...office, override: { mode: 'closed' as const, until: '2026-01-13T20:00:00-05:00' } };
    expect(iso(nextOpening(evening, tuesdayMorning))).toBe('2026-01-14T14:00:00.000Z');
  });

  it('opens the business on a holiday and at night', () => {
    const open = { ...office, override: { mode: 'open' as const, reason: 'Storm hotline' } };
    const thanksgivingNight = at('2026-11-26T03:00:00-05:00');
    expect(scheduleStatusAt(open, thanksgivingNight)).toEqual({ state: 'open', reason: 'emergency', message: 'Storm hotline' });
    expect(nextOpening(open, thanksgivingNight)).toBe(thanksgivingNight);
  });
});

describe('nextOpening', () => {
  const office = schedule('America/New_York', { holidays: [thanksgiving] });

  it('returns the instant itself when open', () => {
    const now = at('2026-01-13T10:00:00-05:00');
    expect(nextOpening(office, now)).toBe(now);
  });

  it('spans a weekend', () => {
    expect(iso(nextOpening(office, at('2026-01-16T17:00:00-05:00')))).toBe('2026-01-19T14:00:00.000Z');
  });

  it('spans a holiday', () => {
    // Wednesday evening before Thanksgiving → Friday 09:00.
    expect(iso(nextOpening(office, at('2026-11-25T18:00:00-05:00')))).toBe('2026-11-27T14:00:00.000Z');
  });

  it('returns null for a schedule that never opens within 400 days', () => {
    const never = schedule('UTC', {
      weekly: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] },
    });
    expect(nextOpening(never, 0)).toBeNull();
    const longBreak = schedule('UTC', { holidays: [{ id: 'gap', name: 'Gap', rule: { type: 'range', from: '2026-01-01', to: '2027-12-31' } }] });
    expect(nextOpening(longBreak, at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(iso(nextOpening(longBreak, at('2027-06-01T00:00:00Z')))).toBe('2028-01-03T09:00:00.000Z');
  });
});
