import type { Holiday, HolidayRule, Schedule } from '@callflow/schemas';
import { addDays, civilDate, type CivilDate, daysInMonth, isoWeekday } from './zoned-time';

/** One day on which a holiday applies. `observed` marks a weekday standing in for a weekend date. */
export interface HolidayOccurrence {
  date: CivilDate;
  holiday: Holiday;
  observed: boolean;
}

type RuleDate = { date: CivilDate; observed: boolean };
type YearlyDateRule = Extract<HolidayRule, { type: 'yearly-date' }>;

function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): CivilDate | null {
  const lastDay = daysInMonth(year, month);
  if (nth < 0) {
    const last = civilDate(year, month, lastDay);
    return addDays(last, -((isoWeekday(last) - weekday + 7) % 7) + (nth + 1) * 7);
  }
  const first = civilDate(year, month, 1);
  const day = 1 + ((weekday - isoWeekday(first) + 7) % 7) + (nth - 1) * 7;
  return day <= lastDay ? civilDate(year, month, day) : null;
}

/** Western Easter Sunday of a year (the anonymous Gregorian algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthAndDay = h + l - 7 * m + 114;
  return civilDate(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
}

function isWeekend(date: CivilDate): boolean {
  return isoWeekday(date) >= 6;
}

function yearlyDates(rule: YearlyDateRule, year: number): RuleDate[] {
  if (rule.day > daysInMonth(year, rule.month)) return [];
  const date = civilDate(year, rule.month, rule.day);
  const dates: RuleDate[] = [{ date, observed: false }];
  if (rule.observedShift === 'nearest-weekday') {
    const weekday = isoWeekday(date);
    if (weekday === 6) dates.push({ date: addDays(date, -1), observed: true });
    if (weekday === 7) dates.push({ date: addDays(date, 1), observed: true });
  }
  return dates;
}

function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

/**
 * The dates a rule generates from its occurrence in `year`, before substitute days (which depend on the other
 * holidays). A nearest-weekday observance may fall in the neighbouring year.
 */
function ruleDates(rule: HolidayRule, year: number): RuleDate[] {
  switch (rule.type) {
    case 'date':
      return yearOf(rule.date) === year ? [{ date: rule.date, observed: false }] : [];
    case 'range': {
      const dates: RuleDate[] = [];
      const first = rule.from > civilDate(year, 1, 1) ? rule.from : civilDate(year, 1, 1);
      const last = rule.to < civilDate(year, 12, 31) ? rule.to : civilDate(year, 12, 31);
      for (let date = first; date <= last; date = addDays(date, 1)) dates.push({ date, observed: false });
      return dates;
    }
    case 'yearly-date':
      return yearlyDates(rule, year);
    case 'yearly-weekday': {
      const date = nthWeekdayOfMonth(year, rule.month, rule.weekday, rule.nth);
      return date === null ? [] : [{ date, observed: false }];
    }
    case 'yearly-easter':
      return [{ date: addDays(easterSunday(year), rule.offsetDays), observed: false }];
  }
}

interface IndexedOccurrence extends HolidayOccurrence {
  /** Position of the holiday in the schedule, for a stable order on shared dates. */
  index: number;
}

/**
 * Substitute days of the `next-free-weekday` holidays: each weekend date, in date order, moves to the first
 * following weekday that is neither a holiday's own date nor an earlier substitute.
 */
function substituteDays(occurrences: readonly IndexedOccurrence[]): IndexedOccurrence[] {
  const taken = new Set(occurrences.filter((entry) => !entry.observed).map((entry) => entry.date));
  const substitutes: IndexedOccurrence[] = [];
  const weekendDates = occurrences
    .filter(({ holiday, date, observed }) => !observed && holiday.rule.type === 'yearly-date' && holiday.rule.observedShift === 'next-free-weekday' && isWeekend(date))
    .sort(byDateThenIndex);
  for (const entry of weekendDates) {
    let date = addDays(entry.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    substitutes.push({ ...entry, date, observed: true });
  }
  return substitutes;
}

function byDateThenIndex(a: IndexedOccurrence, b: IndexedOccurrence): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index;
}

// Schedules are immutable values: each one's occurrences per year are computed once.
const occurrencesCache = new WeakMap<Schedule, Map<number, IndexedOccurrence[]>>();

/** Every holiday occurrence dated in `year`, sorted by date, then schedule order. */
function occurrencesInYear(schedule: Schedule, year: number): IndexedOccurrence[] {
  let byYear = occurrencesCache.get(schedule);
  if (byYear === undefined) {
    byYear = new Map();
    occurrencesCache.set(schedule, byYear);
  }
  const cached = byYear.get(year);
  if (cached !== undefined) return cached;
  // A year's dates can come from the neighbouring years' rules (observed or substitute days across New Year).
  const candidates = [year - 1, year, year + 1].flatMap((candidateYear) =>
    schedule.holidays.flatMap((holiday, index) => ruleDates(holiday.rule, candidateYear).map((entry) => ({ ...entry, holiday, index }))),
  );
  const occurrences = [...candidates, ...substituteDays(candidates)].filter((entry) => yearOf(entry.date) === year).sort(byDateThenIndex);
  byYear.set(year, occurrences);
  return occurrences;
}

function withoutIndex({ date, holiday, observed }: IndexedOccurrence): HolidayOccurrence {
  return { date, holiday, observed };
}

/** Holidays of the schedule that apply on a local date, in schedule order. */
export function holidaysOn(schedule: Schedule, date: CivilDate): HolidayOccurrence[] {
  return occurrencesInYear(schedule, yearOf(date))
    .filter((entry) => entry.date === date)
    .map(withoutIndex);
}

/** Every holiday day of a calendar year, sorted by date (then schedule order). */
export function holidaysInYear(schedule: Schedule, year: number): HolidayOccurrence[] {
  return occurrencesInYear(schedule, year).map(withoutIndex);
}
