import { z } from 'zod';
import { EntityIdSchema } from './common.schema';

/** IANA time zone name, checked against the runtime's time zone database. */
export const TimeZoneSchema = z
  .string()
  .superRefine((zone, ctx) => {
    if (!isKnownTimeZone(zone)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown time zone "${zone}": use an IANA name such as "America/New_York" or "Europe/London"`,
      });
    }
  })
  .describe('IANA time zone name, e.g. "America/New_York"');

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A calendar date without a time zone, "YYYY-MM-DD". */
export const CalendarDateSchema = z.iso.date({ message: 'expected a calendar date "YYYY-MM-DD"' });

/** An instant in ISO 8601 with an explicit offset or "Z". */
export const IsoInstantSchema = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 instant such as "2026-05-01T09:00:00Z"',
});

export const TimeOfDaySchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a 24-hour time "HH:MM" between 00:00 and 24:00')
  .describe('Wall-clock time "HH:MM" (24-hour) in the schedule\'s time zone; "24:00" is allowed as a closing time');

export const OpeningIntervalSchema = z
  .object({
    open: TimeOfDaySchema,
    close: TimeOfDaySchema,
  })
  .refine((interval) => interval.close > interval.open, {
    message: 'close must be later than open on the same day (split overnight hours over two days)',
    path: ['close'],
  })
  .describe('Open from `open` (inclusive) to `close` (exclusive), both on the same local day');
export type OpeningInterval = z.infer<typeof OpeningIntervalSchema>;

/** Intervals of one day, checked for overlaps (touching intervals such as 09:00–12:00 and 12:00–17:00 are fine). */
const DayHoursSchema = z.array(OpeningIntervalSchema).superRefine((intervals, ctx) => {
  const order = intervals.map((interval, index) => ({ interval, index })).sort((a, b) => (a.interval.open < b.interval.open ? -1 : 1));
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1]!;
    const current = order[i]!;
    if (current.interval.open < previous.interval.close) {
      ctx.addIssue({
        code: 'custom',
        message: `interval ${current.interval.open}–${current.interval.close} overlaps ${previous.interval.open}–${previous.interval.close}`,
        path: [current.index],
      });
    }
  }
});

export const WeeklyHoursSchema = z
  .object({
    monday: DayHoursSchema,
    tuesday: DayHoursSchema,
    wednesday: DayHoursSchema,
    thursday: DayHoursSchema,
    friday: DayHoursSchema,
    saturday: DayHoursSchema,
    sunday: DayHoursSchema,
  })
  .describe('Regular opening hours per weekday; an empty list means closed all day');
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const MonthSchema = z.number().int().min(1).max(12).describe('Month, 1 = January … 12 = December');

export const HolidayRuleSchema = z
  .discriminatedUnion('type', [
    z
      .object({ type: z.literal('date'), date: CalendarDateSchema })
      .describe('A single date'),
    z
      .object({ type: z.literal('range'), from: CalendarDateSchema, to: CalendarDateSchema })
      .refine((rule) => rule.from <= rule.to, { message: '"to" must not be before "from"', path: ['to'] })
      .describe('Every date from `from` to `to`, both inclusive'),
    z
      .object({
        type: z.literal('yearly-date'),
        month: MonthSchema,
        day: z.number().int().min(1).max(31),
        observedShift: z
          .enum(['none', 'nearest-weekday', 'next-free-weekday'])
          .default('none')
          .describe(
            'nearest-weekday: when the date falls on a Saturday the Friday before is a holiday too, on a Sunday the Monday after (US-style observance); ' +
              'next-free-weekday: when it falls on a weekend, the next weekday that is not already a holiday of the schedule is one too ' +
              '(UK and Canadian substitute days: Christmas on a Saturday and Boxing Day on the Sunday after give Monday and Tuesday)',
          ),
      })
      .refine((rule) => rule.day <= DAYS_IN_MONTH[rule.month - 1]!, {
        message: 'this month has no such day',
        path: ['day'],
      })
      .describe('The same month and day every year (29 February only occurs in leap years)'),
    z
      .object({
        type: z.literal('yearly-weekday'),
        month: MonthSchema,
        weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'),
        nth: z
          .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1), z.literal(-2)])
          .describe(
            'Which occurrence in the month: 1 … 5, -1 for the last or -2 for the second to last (a year without a 5th occurrence has no holiday)',
          ),
      })
      .describe('The nth weekday of a month every year, e.g. the fourth Thursday of November'),
    z
      .object({
        type: z.literal('yearly-easter'),
        offsetDays: z
          .number()
          .int()
          .min(-70)
          .max(70)
          .describe('Days after Easter Sunday: -2 Good Friday, 1 Easter Monday, 39 Ascension Day, 50 Whit Monday'),
      })
      .describe('A movable feast: a fixed number of days from Western (Gregorian) Easter Sunday every year'),
  ])
  .describe('When a holiday occurs, as local dates in the schedule\'s time zone');
export type HolidayRule = z.infer<typeof HolidayRuleSchema>;

export const HolidaySchema = z.object({
  id: EntityIdSchema,
  name: z.string().min(1, 'name must not be empty').max(200),
  rule: HolidayRuleSchema,
  hours: DayHoursSchema.optional().describe(
    'When given, the business is open only these hours on the holiday (e.g. 09:00–12:00 on Christmas Eve); otherwise closed all day',
  ),
});
export type Holiday = z.infer<typeof HolidaySchema>;

export const EmergencyOverrideSchema = z
  .object({
    mode: z.enum(['closed', 'open']).describe('closed: closed regardless of hours and holidays; open: open regardless'),
    reason: z.string().max(500).optional().describe('Shown to staff and available to the flow'),
    until: IsoInstantSchema.nullable()
      .optional()
      .describe('When the override expires and the normal schedule applies again; null or absent = until removed'),
  })
  .describe('Manual override that takes precedence over weekly hours and holidays');
export type EmergencyOverride = z.infer<typeof EmergencyOverrideSchema>;

export const ScheduleSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().min(1, 'name must not be empty').max(200),
    timeZone: TimeZoneSchema,
    weekly: WeeklyHoursSchema,
    holidays: z.array(HolidaySchema).superRefine((holidays, ctx) => {
      const seen = new Set<string>();
      holidays.forEach((holiday, index) => {
        if (seen.has(holiday.id)) {
          ctx.addIssue({ code: 'custom', message: `duplicate holiday id "${holiday.id}"`, path: [index, 'id'] });
        }
        seen.add(holiday.id);
      });
    }),
    override: EmergencyOverrideSchema.nullable(),
  })
  .describe('Business hours in a time zone: weekly hours, holidays and an optional emergency override');
export type Schedule = z.infer<typeof ScheduleSchema>;
