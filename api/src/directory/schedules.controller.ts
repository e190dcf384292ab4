import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateScheduleBodySchema,
  DirectoryConflictSchema,
  HolidayCalendarSchema,
  HolidayPresetViewSchema,
  ScheduleViewSchema,
  UpdateScheduleBodySchema,
  YearQuerySchema,
  type CreateScheduleBody,
  type HolidayCalendar,
  type HolidayPresetView,
  type ScheduleView,
  type UpdateScheduleBody,
  type YearQuery,
} from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { EntityIdParam, ZodBody, ZodQuery, ZodResponse } from '../http/zod-validation';
import { SchedulesService } from './schedules.service';

@ApiTags('directory')
@Controller('schedules')
@RequireRole('admin')
export class SchedulesController {
  constructor(@Inject(SchedulesService) private readonly schedules: SchedulesService) {}

  @Get()
  @RequireRole('supervisor')
  @ZodResponse(z.array(ScheduleViewSchema))
  list(@Auth() caller: AuthContext): Promise<ScheduleView[]> {
    return this.schedules.list(caller);
  }

  /** Nationwide public holidays of a few countries, with their dates in a year, to copy into a schedule's holidays. */
  @Get('holiday-presets')
  @RequireRole('supervisor')
  @ZodResponse(z.array(HolidayPresetViewSchema))
  presets(@ZodQuery(YearQuerySchema) query: YearQuery): HolidayPresetView[] {
    return this.schedules.presets(query.year);
  }

  @Post()
  @ZodResponse(ScheduleViewSchema, 201)
  create(@Auth() caller: AuthContext, @ZodBody(CreateScheduleBodySchema) body: CreateScheduleBody): Promise<ScheduleView> {
    return this.schedules.create(caller, body);
  }

  @Get(':id')
  @RequireRole('supervisor')
  @ZodResponse(ScheduleViewSchema)
  get(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<ScheduleView> {
    return this.schedules.get(caller, id);
  }

  /** The schedule's holiday dates in a year (observed and substitute days included). */
  @Get(':id/holidays')
  @RequireRole('supervisor')
  @ZodResponse(HolidayCalendarSchema)
  holidays(@Auth() caller: AuthContext, @EntityIdParam('id') id: string, @ZodQuery(YearQuerySchema) query: YearQuery): Promise<HolidayCalendar> {
    return this.schedules.holidays(caller, id, query.year);
  }

  @Patch(':id')
  @ZodResponse(ScheduleViewSchema)
  update(@Auth() caller: AuthContext, @EntityIdParam('id') id: string, @ZodBody(UpdateScheduleBodySchema) body: UpdateScheduleBody): Promise<ScheduleView> {
    return this.schedules.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ZodResponse(DirectoryConflictSchema, 409)
  remove(@Auth() caller: AuthContext, @EntityIdParam('id') id: string): Promise<void> {
    return this.schedules.remove(caller, id);
  }
}
