import { Inject, Injectable } from '@nestjs/common';
import { HOLIDAY_PRESETS, holidaysInYear, nextOpening, scheduleStatusAt } from '@callflow/engine';
import type {
  CreateScheduleBody,
  HolidayCalendar,
  HolidayPresetView,
  Schedule,
  ScheduleStatusView,
  ScheduleView,
  UpdateScheduleBody,
} from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { DirectoryService } from './directory.service';

function statusAt(schedule: Schedule, now: number): ScheduleStatusView {
  const status = scheduleStatusAt(schedule, now);
  const opening = nextOpening(schedule, now);
  return {
    state: status.state,
    reason: status.reason,
    holiday: 'holiday' in status ? status.holiday : null,
    message: 'message' in status && status.message !== undefined ? status.message : null,
    nextOpeningAt: opening === null ? null : new Date(opening).toISOString(),
    at: new Date(now).toISOString(),
  };
}

const NEVER_OPEN: Schedule['weekly'] = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };

function calendar(schedule: Pick<Schedule, 'holidays'>, year: number): HolidayCalendar {
  // Holiday dates are local dates: they depend on the rules only, not on the time zone or the hours.
  const dates = holidaysInYear({ id: 'calendar', name: 'calendar', timeZone: 'UTC', weekly: NEVER_OPEN, override: null, ...schedule }, year);
  return { year, dates: dates.map(({ date, holiday, observed }) => ({ date, holidayId: holiday.id, name: holiday.name, observed })) };
}

const currentYear = (): number => new Date().getUTCFullYear();

/** Schedules with whether they are open now (the engine's calendar decides), their holiday dates, and country presets. */
@Injectable()
export class SchedulesService {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  async list(caller: AuthContext): Promise<ScheduleView[]> {
    const now = Date.now();
    return (await this.directory.list(caller, 'schedules')).map((schedule) => ({ ...schedule, status: statusAt(schedule, now) }));
  }

  async get(caller: AuthContext, id: string): Promise<ScheduleView> {
    return this.view(await this.directory.get(caller, 'schedules', id));
  }

  async create(caller: AuthContext, body: CreateScheduleBody): Promise<ScheduleView> {
    return this.view(await this.directory.create(caller, 'schedules', body));
  }

  async update(caller: AuthContext, id: string, body: UpdateScheduleBody): Promise<ScheduleView> {
    return this.view(await this.directory.update(caller, 'schedules', id, body));
  }

  remove(caller: AuthContext, id: string): Promise<void> {
    return this.directory.remove(caller, 'schedules', id);
  }

  async holidays(caller: AuthContext, id: string, year = currentYear()): Promise<HolidayCalendar> {
    return calendar(await this.directory.get(caller, 'schedules', id), year);
  }

  presets(year = currentYear()): HolidayPresetView[] {
    return HOLIDAY_PRESETS.map((preset) => ({ ...preset, ...calendar(preset, year) }));
  }

  private view(schedule: Schedule): ScheduleView {
    return { ...schedule, status: statusAt(schedule, Date.now()) };
  }
}
