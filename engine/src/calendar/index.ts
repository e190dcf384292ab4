export { nextOpening, scheduleStatusAt, type HolidayRef, type ScheduleStatus } from './calendar';
export { holidaysInYear, type HolidayOccurrence } from './holidays';
export { HOLIDAY_PRESETS, holidayPreset } from './presets';
