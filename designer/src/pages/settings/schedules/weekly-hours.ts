import type { OpeningInterval, WeeklyHours } from '@callflow/schemas';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const satisfies ReadonlyArray<keyof WeeklyHours>;
export type Weekday = (typeof WEEKDAYS)[number];

export const DAY_MINUTES = 24 * 60;

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Minutes since midnight as "HH:MM"; the end of the day is "24:00". */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

type Range = [start: number, end: number];

const rangesOf = (intervals: readonly OpeningInterval[]): Range[] =>
  intervals.map((interval): Range => [minutesOf(interval.open), minutesOf(interval.close)]).sort((a, b) => a[0] - b[0]);

/** Sorted, with overlapping and touching ranges joined. */
function merged(ranges: Range[]): Range[] {
  const result: Range[] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = result.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (end > start) result.push([start, end]);
  }
  return result;
}

const intervalsOf = (ranges: Range[]): OpeningInterval[] => ranges.map(([start, end]) => ({ open: timeOf(start), close: timeOf(end) }));

/**
 * A day's hours with `[from, to)` minutes made open or closed. Times that are not on the grid (08:45) stay as they
 * are outside the range; the result is sorted with touching intervals joined.
 */
export function withRange(intervals: readonly OpeningInterval[], from: number, to: number, open: boolean): OpeningInterval[] {
  const ranges = rangesOf(intervals);
  if (open) return intervalsOf(merged([...ranges, [from, to]]));
  const kept = ranges.flatMap(([start, end]): Range[] => [
    [start, Math.min(end, from)],
    [Math.max(start, to), end],
  ]);
  return intervalsOf(merged(kept));
}

/** Whether `[from, to)` is open all through, in part, or not at all. */
export function coverage(intervals: readonly OpeningInterval[], from: number, to: number): 'open' | 'partial' | 'closed' {
  let covered = 0;
  for (const [start, end] of merged(rangesOf(intervals))) covered += Math.max(0, Math.min(end, to) - Math.max(start, from));
  return covered === 0 ? 'closed' : covered >= to - from ? 'open' : 'partial';
}

/** The week with a rectangle of the grid (days × `[from, to)`) made open or closed. */
export function paintWeek(weekly: WeeklyHours, days: readonly Weekday[], from: number, to: number, open: boolean): WeeklyHours {
  const next = { ...weekly };
  for (const day of days) next[day] = withRange(weekly[day], from, to, open);
  return next;
}

export function describeDay(intervals: readonly OpeningInterval[]): string {
  return intervals.length === 0 ? 'Closed' : intervals.map((interval) => `${interval.open}–${interval.close}`).join(', ');
}

/** The week in a line: days with the same hours grouped ("Mon–Fri 09:00–17:00 · Sat 10:00–14:00"). */
export function describeWeek(weekly: WeeklyHours): string {
  const groups: Array<{ first: Weekday; last: Weekday; hours: string }> = [];
  for (const day of WEEKDAYS) {
    const hours = describeDay(weekly[day]);
    const last = groups.at(-1);
    if (last && last.hours === hours) last.last = day;
    else groups.push({ first: day, last: day, hours });
  }
  const open = groups.filter((group) => group.hours !== 'Closed');
  if (open.length === 0) return 'Closed all week';
  const short = (day: Weekday) => day[0]!.toUpperCase() + day.slice(1, 3);
  return open.map((group) => `${short(group.first)}${group.first === group.last ? '' : `–${short(group.last)}`} ${group.hours}`).join(' · ');
}

/** "09:00-12:00, 13:00-17:30" (dash or en dash) as intervals; null when it cannot be read. */
export function parseDay(text: string): OpeningInterval[] | null {
  const trimmed = text.trim();
  if (trimmed === '' || /^closed$/i.test(trimmed)) return [];
  const intervals: OpeningInterval[] = [];
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/.exec(part);
    if (!match) return null;
    const pad = (time: string) => time.padStart(5, '0');
    intervals.push({ open: pad(match[1]!), close: pad(match[2]!) });
  }
  return intervals;
}

export const EMPTY_WEEK: WeeklyHours = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };

/** Monday's hours on every weekday (Tuesday to Friday). */
export function copyMondayToWeekdays(weekly: WeeklyHours): WeeklyHours {
  const copy = () => weekly.monday.map((interval) => ({ ...interval }));
  return { ...weekly, tuesday: copy(), wednesday: copy(), thursday: copy(), friday: copy() };
}
