import type { HolidayPreset, HolidayRule } from '@callflow/schemas';

const fixed = (month: number, day: number, observedShift: 'none' | 'nearest-weekday' | 'next-free-weekday' = 'none'): HolidayRule => ({
  type: 'yearly-date',
  month,
  day,
  observedShift,
});
const nthWeekday = (month: number, weekday: number, nth: 1 | 2 | 3 | 4 | 5 | -1 | -2): HolidayRule => ({ type: 'yearly-weekday', month, weekday, nth });
const easter = (offsetDays: number): HolidayRule => ({ type: 'yearly-easter', offsetDays });

const MONDAY = 1;
const THURSDAY = 4;

function preset(country: string, name: string, holidays: Array<[id: string, name: string, rule: HolidayRule]>): HolidayPreset {
  const prefix = country.toLowerCase();
  return { country, name, holidays: holidays.map(([id, holidayName, rule]) => ({ id: `${prefix}-${id}`, name: holidayName, rule })) };
}

/**
 * Nationwide public holidays. Regional holidays (US states, Canadian provinces, German Länder, Scotland and Northern
 * Ireland) and one-off proclamations (a jubilee, a state funeral) are left to the schedule's own holidays.
 */
export const HOLIDAY_PRESETS: readonly HolidayPreset[] = [
  preset('US', 'United States (federal holidays)', [
    ['new-year', "New Year's Day", fixed(1, 1, 'nearest-weekday')],
    ['martin-luther-king', 'Martin Luther King Jr. Day', nthWeekday(1, MONDAY, 3)],
    ['washington', "Washington's Birthday", nthWeekday(2, MONDAY, 3)],
    ['memorial', 'Memorial Day', nthWeekday(5, MONDAY, -1)],
    ['juneteenth', 'Juneteenth National Independence Day', fixed(6, 19, 'nearest-weekday')],
    ['independence', 'Independence Day', fixed(7, 4, 'nearest-weekday')],
    ['labor', 'Labor Day', nthWeekday(9, MONDAY, 1)],
    ['columbus', 'Columbus Day', nthWeekday(10, MONDAY, 2)],
    ['veterans', 'Veterans Day', fixed(11, 11, 'nearest-weekday')],
    ['thanksgiving', 'Thanksgiving Day', nthWeekday(11, THURSDAY, 4)],
    ['christmas', 'Christmas Day', fixed(12, 25, 'nearest-weekday')],
  ]),
  preset('GB', 'United Kingdom (England and Wales bank holidays)', [
    ['new-year', "New Year's Day", fixed(1, 1, 'next-free-weekday')],
    ['good-friday', 'Good Friday', easter(-2)],
    ['easter-monday', 'Easter Monday', easter(1)],
    ['early-may', 'Early May bank holiday', nthWeekday(5, MONDAY, 1)],
    ['spring', 'Spring bank holiday', nthWeekday(5, MONDAY, -1)],
    ['summer', 'Summer bank holiday', nthWeekday(8, MONDAY, -1)],
    ['christmas', 'Christmas Day', fixed(12, 25, 'next-free-weekday')],
    ['boxing-day', 'Boxing Day', fixed(12, 26, 'next-free-weekday')],
  ]),
  preset('CA', 'Canada (federal statutory holidays)', [
    ['new-year', "New Year's Day", fixed(1, 1, 'next-free-weekday')],
    ['good-friday', 'Good Friday', easter(-2)],
    // The Monday before 25 May, always the second to last Monday of May.
    ['victoria', 'Victoria Day', nthWeekday(5, MONDAY, -2)],
    ['canada', 'Canada Day', fixed(7, 1, 'next-free-weekday')],
    ['labour', 'Labour Day', nthWeekday(9, MONDAY, 1)],
    ['truth-and-reconciliation', 'National Day for Truth and Reconciliation', fixed(9, 30, 'next-free-weekday')],
    ['thanksgiving', 'Thanksgiving', nthWeekday(10, MONDAY, 2)],
    ['remembrance', 'Remembrance Day', fixed(11, 11, 'next-free-weekday')],
    ['christmas', 'Christmas Day', fixed(12, 25, 'next-free-weekday')],
    ['boxing-day', 'Boxing Day', fixed(12, 26, 'next-free-weekday')],
  ]),
  preset('DE', 'Germany (nationwide holidays)', [
    ['neujahr', 'Neujahr', fixed(1, 1)],
    ['karfreitag', 'Karfreitag', easter(-2)],
    ['ostermontag', 'Ostermontag', easter(1)],
    ['tag-der-arbeit', 'Tag der Arbeit', fixed(5, 1)],
    ['christi-himmelfahrt', 'Christi Himmelfahrt', easter(39)],
    ['pfingstmontag', 'Pfingstmontag', easter(50)],
    ['deutsche-einheit', 'Tag der Deutschen Einheit', fixed(10, 3)],
    ['weihnachtstag-1', '1. Weihnachtstag', fixed(12, 25)],
    ['weihnachtstag-2', '2. Weihnachtstag', fixed(12, 26)],
  ]),
  preset('FR', 'France (jours fériés)', [
    ['jour-de-l-an', "Jour de l'an", fixed(1, 1)],
    ['lundi-de-paques', 'Lundi de Pâques', easter(1)],
    ['fete-du-travail', 'Fête du Travail', fixed(5, 1)],
    ['victoire-1945', 'Victoire 1945', fixed(5, 8)],
    ['ascension', 'Ascension', easter(39)],
    ['lundi-de-pentecote', 'Lundi de Pentecôte', easter(50)],
    ['fete-nationale', 'Fête nationale', fixed(7, 14)],
    ['assomption', 'Assomption', fixed(8, 15)],
    ['toussaint', 'Toussaint', fixed(11, 1)],
    ['armistice', 'Armistice 1918', fixed(11, 11)],
    ['noel', 'Noël', fixed(12, 25)],
  ]),
];

/** The preset of a country (ISO code, any case), or null. */
export function holidayPreset(country: string): HolidayPreset | null {
  return HOLIDAY_PRESETS.find((candidate) => candidate.country === country.toUpperCase()) ?? null;
}
