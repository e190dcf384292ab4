import { DateTime, IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A day in a calendar, "YYYY-MM-DD", with no time zone. Lexical order is chronological order. */
export type CivilDate = string;

export function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) {
    throw new RangeError(`unknown time zone "${timeZone}": use an IANA name such as "America/New_York"`);
  }
  return zone;
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseCivilDate(date: CivilDate): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}

/** Civil-date arithmetic runs on UTC dates, which have no offset changes. */
function utcDate(date: CivilDate, plusDays = 0): Date {
  const { year, month, day } = parseCivilDate(date);
  return new Date(Date.UTC(year, month - 1, day + plusDays));
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = utcDate(date, days);
  return civilDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return ((utcDate(date).getUTCDay() + 6) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "HH:MM" (including "24:00") as milliseconds after local midnight. */
export function timeOfDayMs(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * HOUR_MS + minutes! * MINUTE_MS;
}

/** The local date and the wall-clock time of day (ms after midnight) of an instant. */
export function localClock(zone: IANAZone, at: number): { date: CivilDate; msOfDay: number } {
  const local = DateTime.fromMillis(at, { zone });
  return {
    date: civilDate(local.year, local.month, local.day),
    msOfDay: ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond,
  };
}

/**
 * Every instant whose wall clock shows `msOfDay` on `date`: none when the time falls in a
 * spring-forward gap, two when it falls in the hour repeated in autumn, otherwise one.
 */
export function instantsAtWallTime(zone: IANAZone, date: CivilDate, msOfDay: number): number[] {
  const { year, month, day } = parseCivilDate(date);
  const asIfUtc = Date.UTC(year, month - 1, day) + msOfDay;
  const offsets = new Set([zone.offset(asIfUtc - DAY_MS), zone.offset(asIfUtc), zone.offset(asIfUtc + DAY_MS)]);
  const instants = new Set<number>();
  for (const offset of offsets) {
    const candidate = asIfUtc - offset * MINUTE_MS;
    if (zone.offset(candidate) === offset) instants.add(candidate);
  }
  return [...instants].sort((a, b) => a - b);
}

/** Real zones change offset at most a few times a year, never twice within this step. */
const OFFSET_SCAN_STEP_MS = 7 * DAY_MS;

/** Instants in [start, end] at which the zone's UTC offset changes (the wall clock jumps). */
export function offsetChangesBetween(zone: IANAZone, start: number, end: number): number[] {
  const changes: number[] = [];
  for (let from = start; from < end; from += OFFSET_SCAN_STEP_MS) {
    let before = from;
    let after = Math.min(from + OFFSET_SCAN_STEP_MS, end);
    const offsetBefore = zone.offset(before);
    if (zone.offset(after) === offsetBefore) continue;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (zone.offset(middle) === offsetBefore) before = middle;
      else after = middle;
    }
    changes.push(after);
  }
  return changes;
}
