import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AnalyticsQuerySchema,
  BusiestHoursReportSchema,
  CallMetricsQuerySchema,
  CallMetricsReportSchema,
  CallVolumeQuerySchema,
  CallVolumeReportSchema,
  DropOffReportSchema,
  type AnalyticsQuery,
  type BusiestHoursReport,
  type CallMetricsQuery,
  type CallMetricsReport,
  type CallVolumeQuery,
  type CallVolumeReport,
  type DropOffReport,
} from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { ZodQuery, ZodResponse } from '../http/zod-validation';
import { AnalyticsService } from './analytics.service';
import { busiestHoursCsv, callMetricsCsv, callVolumeCsv, dropOffCsv } from './report-csv';

/** What the CSV routes need of Express's response. */
interface ReportResponse {
  set(headers: Record<string, string>): unknown;
}

/** CSV when asked for with `?format=csv` or an Accept header naming text/csv (and no `format=json`). */
function wantsCsv(query: { format?: 'json' | 'csv' }, accept: string | undefined): boolean {
  return query.format === 'csv' || (query.format === undefined && (accept ?? '').toLowerCase().includes('text/csv'));
}

function csv(response: ReportResponse, name: string, query: AnalyticsQuery, body: string): string {
  const filename = `${name}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
  response.set({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
  return body;
}

/** Reports for supervisors and above; each table is JSON or CSV. */
@ApiTags('analytics')
@Controller('analytics')
@RequireRole('supervisor')
export class AnalyticsController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService) {}

  @Get('calls')
  @ApiProduces('application/json', 'text/csv')
  @ZodResponse(CallMetricsReportSchema)
  async calls(
    @Auth() caller: AuthContext,
    @ZodQuery(CallMetricsQuerySchema) query: CallMetricsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<CallMetricsReport | string> {
    const report = await this.analytics.callMetrics(caller, query);
    return wantsCsv(query, accept) ? csv(response, `calls-by-${query.by}`, query, callMetricsCsv(report)) : report;
  }

  /** The whole series for the charts over time in one request (one SQL query). */
  @Get('volume')
  @ApiProduces('application/json', 'text/csv')
  @ZodResponse(CallVolumeReportSchema)
  async volume(
    @Auth() caller: AuthContext,
    @ZodQuery(CallVolumeQuerySchema) query: CallVolumeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<CallVolumeReport | string> {
    const report = await this.analytics.callVolume(caller, query);
    return wantsCsv(query, accept) ? csv(response, `volume-by-${report.bucket}`, query, callVolumeCsv(report)) : report;
  }

  @Get('busiest-hours')
  @ApiProduces('application/json', 'text/csv')
  @ZodResponse(BusiestHoursReportSchema)
  async busiestHours(
    @Auth() caller: AuthContext,
    @ZodQuery(AnalyticsQuerySchema) query: AnalyticsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<BusiestHoursReport | string> {
    const report = await this.analytics.busiestHours(caller, query);
    return wantsCsv(query, accept) ? csv(response, 'busiest-hours', query, busiestHoursCsv(report)) : report;
  }

  @Get('drop-off')
  @ApiProduces('application/json', 'text/csv')
  @ZodResponse(DropOffReportSchema)
  async dropOff(
    @Auth() caller: AuthContext,
    @ZodQuery(AnalyticsQuerySchema) query: AnalyticsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: ReportResponse,
  ): Promise<DropOffReport | string> {
    const report = await this.analytics.dropOff(caller, query);
    return wantsCsv(query, accept) ? csv(response, 'drop-off', query, dropOffCsv(report)) : report;
  }
}
