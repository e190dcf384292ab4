import type { Holiday, HolidayRule } from '@callflow/schemas';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NTH: Record<number, string> = { 1: 'First', 2: 'Second', 3: 'Third', 4: 'Fourth', 5: 'Fifth', [-1]: 'Last', [-2]: 'Second to last' };

export const MONTH_OPTIONS = MONTHS.map((label, index) => ({ value: String(index + 1), label }));
export const WEEKDAY_OPTIONS = WEEKDAY_NAMES.map((label, index) => ({ value: String(index + 1), label }));
export const NTH_OPTIONS = [1, 2, 3, 4, 5, -1, -2].map((nth) => ({ value: String(nth), label: NTH[nth]! }));

function calendarDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

function easterOffset(days: number): string {
  if (days === 0) return 'Easter Sunday';
  const amount = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  return days < 0 ? `${amount} before Easter Sunday` : `${amount} after Easter Sunday`;
}

/** When a holiday occurs, in words: "Every 25 December, or the nearest weekday", "Fourth Thursday of November". */
export function describeRule(rule: HolidayRule): string {
  switch (rule.type) {
    case 'date':
      return calendarDate(rule.date);
    case 'range':
      return `${calendarDate(rule.from)} – ${calendarDate(rule.to)}`;
    case 'yearly-date': {
      const shift = { none: '', 'nearest-weekday': ', or the nearest weekday', 'next-free-weekday': ', or the next free weekday' }[rule.observedShift];
      return `Every ${rule.day} ${MONTHS[rule.month - 1]}${shift}`;
    }
    case 'yearly-weekday':
      return `${NTH[rule.nth]} ${WEEKDAY_NAMES[rule.weekday - 1]} of ${MONTHS[rule.month - 1]}`;
    case 'yearly-easter':
      return easterOffset(rule.offsetDays);
  }
}

export function isRecurring(rule: HolidayRule): boolean {
  return rule.type !== 'date' && rule.type !== 'range';
}

/** A holiday id not used by `holidays` yet, readable from its name. */
export function newHolidayId(name: string, holidays: readonly Holiday[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'holiday';
  const taken = new Set(holidays.map((holiday) => holiday.id));
  let id = base;
  for (let suffix = 2; taken.has(id); suffix++) id = `${base}-${suffix}`;
  return id;
}

/** The preset's holidays that `holidays` does not have yet (by id), to add them twice never. */
export function missingFrom(holidays: readonly Holiday[], preset: readonly Holiday[]): Holiday[] {
  const present = new Set(holidays.map((holiday) => holiday.id));
  return preset.filter((holiday) => !present.has(holiday.id));
}
