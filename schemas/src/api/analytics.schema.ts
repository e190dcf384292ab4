import { z } from 'zod';
import { EntityIdSchema } from '../common.schema';
import { TimeZoneSchema } from '../schedule.schema';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]", as "YYYY-MM-DDTHH:MM:SS". */
function normalisedLocalTime(value: string): string | null {
  const match = LOCAL_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  const valid =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute);
  return valid ? `${year}-${month}-${day}T${hour}:${minute}:${second}` : null;
}

/** A wall-clock date or time in the report's time zone. */
export const LocalDateTimeSchema = z
  .string()
  .transform((value, ctx) => {
    const normalised = normalisedLocalTime(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a date "YYYY-MM-DD" or a local time "YYYY-MM-DDTHH:MM" (no offset: the timeZone applies)' });
      return z.NEVER;
    }
    return normalised;
  })
  .describe('Date "YYYY-MM-DD" (midnight) or local time "YYYY-MM-DDTHH:MM", in `timeZone`');

/** Longest period one report covers. */
export const MAX_ANALYTICS_DAYS = 400;

const periodQuery = {
  from: LocalDateTimeSchema.describe('Start of the period (included), in `timeZone`'),
  to: LocalDateTimeSchema.describe('End of the period (excluded), in `timeZone`: from=2026-11-01&to=2026-12-01 is November'),
  timeZone: TimeZoneSchema.default('UTC'),
  serviceLevelSecs: z.coerce.number().int().min(1).max(3600).default(20).describe('Service level: answered within this many seconds'),
  format: z.enum(['json', 'csv']).optional().describe('csv: the table as CSV (as does `Accept: text/csv`)'),
};

/** Days between the period's wall-clock bounds. */
const periodDays = (query: { from: string; to: string }): number => (Date.parse(`${query.to}Z`) - Date.parse(`${query.from}Z`)) / 86_400_000;

function withValidPeriod<T extends z.ZodObject<typeof periodQuery>>(schema: T) {
  return schema
    .refine((query) => query.from < query.to, { message: 'from must be before to', path: ['to'] })
    .refine((query) => periodDays(query) <= MAX_ANALYTICS_DAYS, {
      message: `a report covers at most ${MAX_ANALYTICS_DAYS} days`,
      path: ['to'],
    });
}

export const AnalyticsQuerySchema = withValidPeriod(z.object(periodQuery));
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

export const ANALYTICS_GROUPINGS = ['tenant', 'flow', 'queue', 'agent'] as const;

export const CallMetricsQuerySchema = withValidPeriod(
  z.object({
    ...periodQuery,
    by: z
      .enum(ANALYTICS_GROUPINGS)
      .default('tenant')
      .describe('tenant: one row; flow: per flow; queue: per queue the caller waited in last; agent: per agent offered the call'),
  }),
);
export type CallMetricsQuery = z.infer<typeof CallMetricsQuerySchema>;

export const VOLUME_BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type VolumeBucket = (typeof VOLUME_BUCKETS)[number];

/** Hour buckets for at most this many days (744 buckets). */
export const MAX_HOUR_BUCKET_DAYS = 31;

/** The bucket a period gets when the query names none: hours for a day, days up to 45 days, weeks up to 200, months beyond. */
export function defaultVolumeBucket(query: { from: string; to: string }): VolumeBucket {
  const days = periodDays(query);
  return days <= 1 ? 'hour' : days <= 45 ? 'day' : days <= 200 ? 'week' : 'month';
}

export const CallVolumeQuerySchema = withValidPeriod(
  z.object({
    ...periodQuery,
    bucket: z
      .enum(VOLUME_BUCKETS)
      .optional()
      .describe('Width of each slice, in `timeZone` (weeks start on Monday); by default hour for a period of a day, day up to 45 days, week up to 200, month beyond'),
    flowId: z.uuid().optional().describe('Only calls of this flow'),
    queueId: EntityIdSchema.optional().describe('Only calls whose caller waited in this queue last'),
    agentId: EntityIdSchema.optional().describe('Only calls offered to this agent; answered counts the calls this agent answered'),
  }),
).refine((query) => query.bucket !== 'hour' || periodDays(query) <= MAX_HOUR_BUCKET_DAYS, {
  message: `hour buckets cover at most ${MAX_HOUR_BUCKET_DAYS} days`,
  path: ['bucket'],
});
export type CallVolumeQuery = z.infer<typeof CallVolumeQuerySchema>;

export const AnalyticsPeriodSchema = z.object({
  from: z.iso.datetime().describe('The period start as an instant'),
  to: z.iso.datetime(),
  timeZone: z.string(),
});
export type AnalyticsPeriod = z.infer<typeof AnalyticsPeriodSchema>;

export const CallMetricsRowSchema = z.object({
  key: z.string().nullable().describe('The flow, queue or agent id; null for the tenant-wide row'),
  name: z.string().nullable(),
  calls: z.number().int().describe('Calls that started in the period (per agent: calls offered to the agent)'),
  answered: z.number().int().describe('Calls an agent answered (per agent: that agent)'),
  abandoned: z.number().int().describe('Calls whose caller hung up before the flow finished'),
  voicemail: z.number().int().describe('Calls that ended with a voicemail'),
  waited: z.number().int().describe('Calls that waited for an agent (rung or queued)'),
  avgWaitSecs: z.number().nullable().describe('Of calls that waited: until answered, or until the call ended'),
  p90WaitSecs: z.number().nullable(),
  avgHandleSecs: z.number().nullable().describe('Of answered calls: from the answer to the end of the conversation'),
  answeredWithinServiceLevel: z.number().int(),
  serviceLevel: z.number().nullable().describe('answeredWithinServiceLevel / waited (0…1); null when no call waited'),
});
export type CallMetricsRow = z.infer<typeof CallMetricsRowSchema>;

export const CallMetricsReportSchema = z.object({
  period: AnalyticsPeriodSchema,
  serviceLevelSecs: z.number().int(),
  by: z.enum(ANALYTICS_GROUPINGS),
  rows: z.array(CallMetricsRowSchema),
});
export type CallMetricsReport = z.infer<typeof CallMetricsReportSchema>;

export const BusiestHourSchema = z.object({
  dayOfWeek: z.number().int().min(1).max(7).describe('ISO day of the week in the time zone: 1 = Monday … 7 = Sunday'),
  hour: z.number().int().min(0).max(23),
  calls: z.number().int(),
});
export type BusiestHour = z.infer<typeof BusiestHourSchema>;

export const BusiestHoursReportSchema = z.object({
  period: AnalyticsPeriodSchema,
  rows: z.array(BusiestHourSchema).describe('All 168 hours of the week, Monday 00:00 first'),
});
export type BusiestHoursReport = z.infer<typeof BusiestHoursReportSchema>;

export const DropOffRowSchema = z.object({
  flowId: z.string(),
  flowName: z.string().nullable(),
  node: z.string(),
  kind: z.string().nullable(),
  label: z.string().nullable(),
  hangUps: z.number().int().describe('Callers who hung up while the call was on this node'),
});
export type DropOffRow = z.infer<typeof DropOffRowSchema>;

export const DropOffReportSchema = z.object({
  period: AnalyticsPeriodSchema,
  rows: z.array(DropOffRowSchema).describe('Most hang-ups first'),
});
export type DropOffReport = z.infer<typeof DropOffReportSchema>;

export const CallVolumeBucketSchema = CallMetricsRowSchema.omit({ key: true, name: true }).extend({
  from: z.iso.datetime().describe('Start of the slice (included) as an instant; the first slice starts with the period'),
  to: z.iso.datetime().describe('End of the slice (excluded); the last slice ends with the period'),
  start: z.string().describe('Start of the slice as a wall-clock time "YYYY-MM-DDTHH:MM" in `timeZone`, for labels'),
});
export type CallVolumeBucket = z.infer<typeof CallVolumeBucketSchema>;

export const CallVolumeReportSchema = z.object({
  period: AnalyticsPeriodSchema,
  serviceLevelSecs: z.number().int(),
  bucket: z.enum(VOLUME_BUCKETS),
  filters: z.object({ flowId: z.uuid().nullable(), queueId: z.string().nullable(), agentId: z.string().nullable() }),
  rows: z.array(CallVolumeBucketSchema).describe('Every slice of the period in order, those without calls included'),
});
export type CallVolumeReport = z.infer<typeof CallVolumeReportSchema>;
