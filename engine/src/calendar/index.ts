export { nextOpening, scheduleStatusAt, type HolidayRef, type ScheduleStatus } from './calendar';
export { holidaysInYear, type HolidayOccurrence } from './holidays';
