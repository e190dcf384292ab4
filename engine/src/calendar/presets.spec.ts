import { ScheduleSchema, type Schedule } from '@callflow/schemas';
import { holidaysInYear } from './holidays';
import { HOLIDAY_PRESETS, holidayPreset } from './presets';

function presetSchedule(country: string): Schedule {
  const preset = holidayPreset(country);
  if (preset === null) throw new Error(`no preset ${country}`);
  const open = [{ open: '09:00', close: '17:00' }];
  // Parsing proves the preset is valid schedule data (rules, unique ids).
  return ScheduleSchema.parse({
    id: country,
    name: preset.name,
    timeZone: 'UTC',
    weekly: { monday: open, tuesday: open, wednesday: open, thursday: open, friday: open, saturday: [], sunday: [] },
    holidays: preset.holidays,
    override: null,
  });
}

const calendar = (country: string, year: number) =>
  holidaysInYear(presetSchedule(country), year).map((entry) => `${entry.date} ${entry.holiday.name}${entry.observed ? ' (observed)' : ''}`);

describe('holiday presets', () => {
  it('cover the United States, the United Kingdom, Canada, Germany and France with valid, uniquely named rules', () => {
    expect(HOLIDAY_PRESETS.map((preset) => preset.country)).toEqual(['US', 'GB', 'CA', 'DE', 'FR']);
    const ids = HOLIDAY_PRESETS.flatMap((preset) => preset.holidays.map((holiday) => holiday.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const preset of HOLIDAY_PRESETS) expect(() => presetSchedule(preset.country)).not.toThrow();
  });

  it('finds a preset by country code in any case, and no other', () => {
    expect(holidayPreset('de')?.country).toBe('DE');
    expect(holidayPreset('XX')).toBeNull();
  });

  it('US federal holidays 2026, Independence Day on a Saturday observed on Friday', () => {
    expect(calendar('US', 2026)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Washington's Birthday",
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth National Independence Day',
      '2026-07-03 Independence Day (observed)',
      '2026-07-04 Independence Day',
      '2026-09-07 Labor Day',
      '2026-10-12 Columbus Day',
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving Day',
      '2026-12-25 Christmas Day',
    ]);
  });

  it('England and Wales bank holidays 2027, with the Christmas substitute days', () => {
    expect(calendar('GB', 2027)).toEqual([
      "2027-01-01 New Year's Day",
      '2027-03-26 Good Friday',
      '2027-03-29 Easter Monday',
      '2027-05-03 Early May bank holiday',
      '2027-05-31 Spring bank holiday',
      '2027-08-30 Summer bank holiday',
      '2027-12-25 Christmas Day',
      '2027-12-26 Boxing Day',
      '2027-12-27 Christmas Day (observed)',
      '2027-12-28 Boxing Day (observed)',
    ]);
  });

  it('UK New Year on a weekend moves to the Monday', () => {
    expect(calendar('GB', 2022).filter((line) => line.includes('New Year'))).toEqual(["2022-01-01 New Year's Day", "2022-01-03 New Year's Day (observed)"]);
    expect(calendar('GB', 2023).filter((line) => line.includes('New Year'))).toEqual(["2023-01-01 New Year's Day", "2023-01-02 New Year's Day (observed)"]);
  });

  it('Canadian federal holidays 2026, Boxing Day on a Saturday made up on Monday', () => {
    expect(calendar('CA', 2026)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-04-03 Good Friday',
      '2026-05-18 Victoria Day',
      '2026-07-01 Canada Day',
      '2026-09-07 Labour Day',
      '2026-09-30 National Day for Truth and Reconciliation',
      '2026-10-12 Thanksgiving',
      '2026-11-11 Remembrance Day',
      '2026-12-25 Christmas Day',
      '2026-12-26 Boxing Day',
      '2026-12-28 Boxing Day (observed)',
    ]);
  });

  it('German nationwide holidays 2027', () => {
    expect(calendar('DE', 2027)).toEqual([
      '2027-01-01 Neujahr',
      '2027-03-26 Karfreitag',
      '2027-03-29 Ostermontag',
      '2027-05-01 Tag der Arbeit',
      '2027-05-06 Christi Himmelfahrt',
      '2027-05-17 Pfingstmontag',
      '2027-10-03 Tag der Deutschen Einheit',
      '2027-12-25 1. Weihnachtstag',
      '2027-12-26 2. Weihnachtstag',
    ]);
  });

  it('French public holidays 2027', () => {
    expect(calendar('FR', 2027)).toEqual([
      "2027-01-01 Jour de l'an",
      '2027-03-29 Lundi de Pâques',
      '2027-05-01 Fête du Travail',
      '2027-05-06 Ascension',
      '2027-05-08 Victoire 1945',
      '2027-05-17 Lundi de Pentecôte',
      '2027-07-14 Fête nationale',
      '2027-08-15 Assomption',
      '2027-11-01 Toussaint',
      '2027-11-11 Armistice 1918',
      '2027-12-25 Noël',
    ]);
  });
});
