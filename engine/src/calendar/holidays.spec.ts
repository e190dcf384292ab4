import type { Holiday, Schedule } from '@callflow/schemas';
import { easterSunday, holidaysInYear } from './holidays';
import { scheduleStatusAt } from './calendar';

function schedule(holidays: Holiday[]): Schedule {
  const nineToFive = [{ open: '09:00', close: '17:00' }];
  const weekly = { monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive, thursday: nineToFive, friday: nineToFive, saturday: [], sunday: [] };
  return { id: 'office', name: 'Office', timeZone: 'Europe/London', weekly, holidays, override: null };
}

const dates = (subject: Schedule, year: number) => holidaysInYear(subject, year).map((entry) => [entry.date, entry.holiday.id, entry.observed]);

describe('easterSunday', () => {
  it.each([
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('yearly-easter rules', () => {
  it('places movable feasts relative to Easter Sunday', () => {
    const feasts = schedule([
      { id: 'good-friday', name: 'Good Friday', rule: { type: 'yearly-easter', offsetDays: -2 } },
      { id: 'easter-monday', name: 'Easter Monday', rule: { type: 'yearly-easter', offsetDays: 1 } },
      { id: 'whit-monday', name: 'Whit Monday', rule: { type: 'yearly-easter', offsetDays: 50 } },
    ]);
    expect(dates(feasts, 2026)).toEqual([
      ['2026-04-03', 'good-friday', false],
      ['2026-04-06', 'easter-monday', false],
      ['2026-05-25', 'whit-monday', false],
    ]);
    expect(scheduleStatusAt(feasts, Date.parse('2027-03-29T10:00:00+01:00')).state).toBe('holiday');
    expect(scheduleStatusAt(feasts, Date.parse('2027-03-30T10:00:00+01:00')).state).toBe('open');
  });
});

describe('second to last weekday of a month', () => {
  it('is the Monday before 25 May (Victoria Day) every year', () => {
    const victoria = schedule([{ id: 'victoria', name: 'Victoria Day', rule: { type: 'yearly-weekday', month: 5, weekday: 1, nth: -2 } }]);
    expect([2024, 2025, 2026, 2027, 2028].flatMap((year) => holidaysInYear(victoria, year).map((entry) => entry.date))).toEqual([
      '2024-05-20',
      '2025-05-19',
      '2026-05-18',
      '2027-05-24',
      '2028-05-22',
    ]);
  });
});

describe('next-free-weekday substitutes', () => {
  const christmasAndBoxingDay = schedule([
    { id: 'christmas', name: 'Christmas Day', rule: { type: 'yearly-date', month: 12, day: 25, observedShift: 'next-free-weekday' } },
    { id: 'boxing-day', name: 'Boxing Day', rule: { type: 'yearly-date', month: 12, day: 26, observedShift: 'next-free-weekday' } },
  ]);

  it('moves Christmas on a Saturday to Monday and Boxing Day on the Sunday to Tuesday', () => {
    expect(dates(christmasAndBoxingDay, 2027)).toEqual([
      ['2027-12-25', 'christmas', false],
      ['2027-12-26', 'boxing-day', false],
      ['2027-12-27', 'christmas', true],
      ['2027-12-28', 'boxing-day', true],
    ]);
  });

  it('moves Christmas on a Sunday past Boxing Day on the Monday, to Tuesday', () => {
    expect(dates(christmasAndBoxingDay, 2022)).toEqual([
      ['2022-12-25', 'christmas', false],
      ['2022-12-26', 'boxing-day', false],
      ['2022-12-27', 'christmas', true],
    ]);
  });

  it('adds nothing for weekday dates, and carries a substitute over New Year', () => {
    expect(dates(christmasAndBoxingDay, 2024)).toEqual([
      ['2024-12-25', 'christmas', false],
      ['2024-12-26', 'boxing-day', false],
    ]);
    const newYearsEve = schedule([
      { id: 'eve', name: "New Year's Eve", rule: { type: 'yearly-date', month: 12, day: 31, observedShift: 'next-free-weekday' } },
      { id: 'new-year', name: "New Year's Day", rule: { type: 'yearly-date', month: 1, day: 1, observedShift: 'next-free-weekday' } },
    ]);
    // Saturday 2033-12-31 and Sunday 2034-01-01: Monday 2 and Tuesday 3 January.
    expect(dates(newYearsEve, 2034)).toEqual([
      ['2034-01-01', 'new-year', false],
      ['2034-01-02', 'eve', true],
      ['2034-01-03', 'new-year', true],
      ['2034-12-31', 'eve', false],
    ]);
  });
});
