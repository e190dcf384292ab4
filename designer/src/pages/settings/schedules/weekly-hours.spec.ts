import { WeeklyHoursSchema } from '@callflow/schemas';
import { copyMondayToWeekdays, coverage, describeWeek, EMPTY_WEEK, paintWeek, parseDay, withRange } from './weekly-hours';

const hours = (...pairs: Array<[string, string]>) => pairs.map(([open, close]) => ({ open, close }));
const at = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

describe('weekly hours edited on a grid', () => {
  it('opens a range, joining it with the hours it touches or overlaps', () => {
    expect(withRange(hours(['09:00', '12:00'], ['13:00', '17:00']), at('12:00'), at('13:00'), true)).toEqual(hours(['09:00', '17:00']));
    expect(withRange([], at('22:00'), at('24:00'), true)).toEqual(hours(['22:00', '24:00']));
    expect(withRange(hours(['09:00', '10:00']), at('14:00'), at('15:00'), true)).toEqual(hours(['09:00', '10:00'], ['14:00', '15:00']));
  });

  it('closes a range, splitting an interval around it', () => {
    expect(withRange(hours(['09:00', '17:00']), at('12:00'), at('13:00'), false)).toEqual(hours(['09:00', '12:00'], ['13:00', '17:00']));
    expect(withRange(hours(['09:00', '17:00']), at('08:00'), at('18:00'), false)).toEqual([]);
  });

  it('keeps times that are not on the grid outside the painted range', () => {
    expect(withRange(hours(['08:45', '12:10']), at('12:30'), at('13:00'), true)).toEqual(hours(['08:45', '12:10'], ['12:30', '13:00']));
    expect(withRange(hours(['08:45', '12:10']), at('09:00'), at('09:30'), false)).toEqual(hours(['08:45', '09:00'], ['09:30', '12:10']));
  });

  it('tells whether a cell is open all through, in part or not at all', () => {
    const day = hours(['08:45', '12:00']);
    expect(coverage(day, at('09:00'), at('09:30'))).toBe('open');
    expect(coverage(day, at('08:30'), at('09:00'))).toBe('partial');
    expect(coverage(day, at('12:00'), at('12:30'))).toBe('closed');
  });

  it("paints a rectangle of days and times, and the result is what the API's schema accepts", () => {
    const week = paintWeek(EMPTY_WEEK, ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], at('09:00'), at('17:00'), true);
    const lunch = paintWeek(week, ['monday', 'tuesday'], at('12:00'), at('13:00'), false);
    expect(lunch.monday).toEqual(hours(['09:00', '12:00'], ['13:00', '17:00']));
    expect(lunch.wednesday).toEqual(hours(['09:00', '17:00']));
    expect(lunch.saturday).toEqual([]);
    expect(WeeklyHoursSchema.safeParse(lunch).success).toBe(true);
    expect(describeWeek(lunch)).toBe('Mon–Tue 09:00–12:00, 13:00–17:00 · Wed–Fri 09:00–17:00');
    expect(describeWeek(EMPTY_WEEK)).toBe('Closed all week');
  });

  it("copies Monday's hours to the other weekdays, not to the weekend", () => {
    const week = copyMondayToWeekdays({ ...EMPTY_WEEK, monday: hours(['08:00', '16:00']), saturday: hours(['10:00', '12:00']) });
    expect(week.friday).toEqual(hours(['08:00', '16:00']));
    expect(week.saturday).toEqual(hours(['10:00', '12:00']));
    expect(describeWeek(week)).toBe('Mon–Fri 08:00–16:00 · Sat 10:00–12:00');
  });

  it('reads hours typed exactly, and refuses what it cannot read', () => {
    expect(parseDay('8:45-12:00, 13:00–17:30')).toEqual(hours(['08:45', '12:00'], ['13:00', '17:30']));
    expect(parseDay('  ')).toEqual([]);
    expect(parseDay('closed')).toEqual([]);
    expect(parseDay('nine to five')).toBeNull();
  });
});
