import type { Holiday, OpeningInterval, Schedule, WeeklyHours } from '@callflow/schemas';
import type { IANAZone } from 'luxon';
import { holidaysOn } from './holidays';
import { addDays, type CivilDate, instantsAtWallTime, isoWeekday, localClock, offsetChangesBetween, timeOfDayMs, zoneOf } from './zoned-time';

export interface HolidayRef {
  id: string;
  name: string;
}

/**
 * Whether a schedule is open at an instant, and why. `state` is what a Business hours node
 * branches on ('holiday' falls back to 'closed' when the node has no holiday branch);
 * `reason` tells which rule decided.
 */
export type ScheduleStatus =
  /** Within the regular weekly hours. */
  | { state: 'open'; reason: 'weekly-hours' }
  /** On a holiday with partial hours, within those hours. */
  | { state: 'open'; reason: 'holiday-hours'; holiday: HolidayRef }
  /** Forced open by the emergency override. */
  | { state: 'open'; reason: 'emergency'; message?: string }
  /** Outside the regular weekly hours. */
  | { state: 'closed'; reason: 'outside-hours' }
  /** Forced closed by the emergency override. */
  | { state: 'closed'; reason: 'emergency'; message?: string }
  /** On a holiday: closed all day, or outside the holiday's partial hours. */
  | { state: 'holiday'; reason: 'holiday'; holiday: HolidayRef };

const HORIZON_MS = 400 * 86_400_000;

const WEEKDAY_NAMES: readonly (keyof WeeklyHours)[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The opening hours that apply on one local date, and the holiday that set them, if any. */
interface DayPlan {
  intervals: OpeningInterval[];
  holidays: Holiday[];
}

function dayPlan(schedule: Schedule, date: CivilDate): DayPlan {
  const holidays = holidaysOn(schedule, date).map((occurrence) => occurrence.holiday);
  if (holidays.length === 0) {
    return { intervals: schedule.weekly[WEEKDAY_NAMES[isoWeekday(date) - 1]!], holidays };
  }
  // A holiday closed all day wins over holidays with partial hours on the same date.
  if (holidays.some((holiday) => holiday.hours === undefined)) return { intervals: [], holidays };
  return { intervals: holidays.flatMap((holiday) => holiday.hours ?? []), holidays };
}

function contains(interval: OpeningInterval, msOfDay: number): boolean {
  return timeOfDayMs(interval.open) <= msOfDay && msOfDay < timeOfDayMs(interval.close);
}

function ref(holiday: Holiday): HolidayRef {
  return { id: holiday.id, name: holiday.name };
}

function activeOverride(schedule: Schedule, at: number) {
  const override = schedule.override;
  if (override === null) return null;
  if (override.until !== null && override.until !== undefined && at >= Date.parse(override.until)) return null;
  return override;
}

function assertInstant(at: number): void {
  if (!Number.isFinite(at)) throw new RangeError(`expected an instant in epoch milliseconds, got ${at}`);
}

function statusAt(schedule: Schedule, zone: IANAZone, at: number): ScheduleStatus {
  const override = activeOverride(schedule, at);
  if (override !== null) {
    return override.reason === undefined
      ? { state: override.mode, reason: 'emergency' }
      : { state: override.mode, reason: 'emergency', message: override.reason };
  }
  const { date, msOfDay } = localClock(zone, at);
  const plan = dayPlan(schedule, date);
  const [firstHoliday] = plan.holidays;
  if (firstHoliday === undefined) {
    return plan.intervals.some((interval) => contains(interval, msOfDay))
      ? { state: 'open', reason: 'weekly-hours' }
      : { state: 'closed', reason: 'outside-hours' };
  }
  const openFor = plan.holidays.find((holiday) => holiday.hours?.some((interval) => contains(interval, msOfDay)));
  if (openFor !== undefined && plan.intervals.length > 0) {
    return { state: 'open', reason: 'holiday-hours', holiday: ref(openFor) };
  }
  const closedAllDay = plan.holidays.find((holiday) => holiday.hours === undefined);
  return { state: 'holiday', reason: 'holiday', holiday: ref(closedAllDay ?? firstHoliday) };
}

/** The schedule's status at an instant (epoch ms), read on the wall clock of the schedule's time zone. */
export function scheduleStatusAt(schedule: Schedule, at: number): ScheduleStatus {
  assertInstant(at);
  return statusAt(schedule, zoneOf(schedule.timeZone), at);
}

/**
 * The first instant at or after `at` when the schedule is open (`at` itself when open now), or
 * null when it stays closed for the next 400 days (or is closed by an override with no end).
 */
export function nextOpening(schedule: Schedule, at: number): number | null {
  assertInstant(at);
  const zone = zoneOf(schedule.timeZone);
  const horizon = at + HORIZON_MS;
  let from = at;
  const override = activeOverride(schedule, at);
  if (override?.mode === 'closed') {
    if (override.until === null || override.until === undefined) return null;
    from = Date.parse(override.until);
  }
  if (from > horizon) return null;
  if (statusAt(schedule, zone, from).state === 'open') return from;

  // The schedule can only become open where the wall clock reaches an opening time or jumps
  // (a DST change may skip over an opening time or repeat an hour); check those instants in order.
  const offsetChanges = new Map<CivilDate, number[]>();
  for (const change of offsetChangesBetween(zone, from, horizon)) {
    const date = localClock(zone, change).date;
    offsetChanges.set(date, [...(offsetChanges.get(date) ?? []), change]);
  }
  const lastDate = localClock(zone, horizon).date;
  for (let date = localClock(zone, from).date; date <= lastDate; date = addDays(date, 1)) {
    const candidates = [
      ...dayPlan(schedule, date).intervals.flatMap((interval) => instantsAtWallTime(zone, date, timeOfDayMs(interval.open))),
      ...(offsetChanges.get(date) ?? []),
    ].sort((a, b) => a - b);
    for (const candidate of candidates) {
      if (candidate <= from) continue;
      if (candidate > horizon) return null;
      if (statusAt(schedule, zone, candidate).state === 'open') return candidate;
    }
  }
  return null;
}
