import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import {
  defaultVolumeBucket,
  type AnalyticsQuery,
  type BusiestHoursReport,
  type CallMetricsQuery,
  type CallMetricsReport,
  type CallVolumeQuery,
  type CallVolumeReport,
  type DropOffReport,
} from '@callflow/schemas';
import { QueryFailedError } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AnalyticsRepository } from './analytics.repository';

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/** Call reports for a period in a time zone: figures per tenant, flow, queue or agent; busiest hours; drop-off. */
@Injectable()
export class AnalyticsService {
  constructor(@Inject(AnalyticsRepository) private readonly analytics: AnalyticsRepository) {}

  async callMetrics(caller: AuthContext, query: CallMetricsQuery): Promise<CallMetricsReport> {
    const [period, rows] = await inTimeZone(() => Promise.all([this.analytics.period(query), this.analytics.callMetrics(caller.tenantId, query)]));
    return { period, serviceLevelSecs: query.serviceLevelSecs, by: query.by, rows };
  }

  /** The period's calls over time: one row per hour, day, week or month of the period, those without calls included. */
  async callVolume(caller: AuthContext, query: CallVolumeQuery): Promise<CallVolumeReport> {
    const bucket = query.bucket ?? defaultVolumeBucket(query);
    const [period, rows] = await inTimeZone(() => Promise.all([this.analytics.period(query), this.analytics.callVolume(caller.tenantId, { ...query, bucket })]));
    const filters = { flowId: query.flowId ?? null, queueId: query.queueId ?? null, agentId: query.agentId ?? null };
    return { period, serviceLevelSecs: query.serviceLevelSecs, bucket, filters, rows };
  }

  /** Every hour of the week, Monday 00:00 first, with the calls that started in it. */
  async busiestHours(caller: AuthContext, query: AnalyticsQuery): Promise<BusiestHoursReport> {
    const [period, counted] = await inTimeZone(() => Promise.all([this.analytics.period(query), this.analytics.callsByHour(caller.tenantId, query)]));
    const calls = new Map(counted.map((row) => [`${row.dayOfWeek}:${row.hour}`, row.calls]));
    return { period, rows: DAYS.flatMap((dayOfWeek) => HOURS.map((hour) => ({ dayOfWeek, hour, calls: calls.get(`${dayOfWeek}:${hour}`) ?? 0 }))) };
  }

  async dropOff(caller: AuthContext, query: AnalyticsQuery): Promise<DropOffReport> {
    const [period, rows] = await inTimeZone(() => Promise.all([this.analytics.period(query), this.analytics.dropOff(caller.tenantId, query)]));
    return { period, rows };
  }
}

const INVALID_PARAMETER_VALUE = '22023';

/** A zone the runtime knows but PostgreSQL does not is the client's to change: 400 naming timeZone. */
async function inTimeZone<T>(report: () => Promise<T>): Promise<T> {
  try {
    return await report();
  } catch (error) {
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    if (code !== INVALID_PARAMETER_VALUE || !/time zone/i.test(error instanceof Error ? error.message : '')) throw error;
    const message = 'PostgreSQL does not know this time zone';
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `timeZone: ${message}`, issues: [{ path: 'timeZone', message }] });
  }
}
