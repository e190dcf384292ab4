import request from 'supertest';
import { ScheduleStatusViewSchema, type HolidayCalendar, type HolidayPresetView, type ScheduleView } from '@callflow/schemas';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { startTestApp, type TestApp } from '../support/test-app';
import { WEEKDAYS, directoryApi, scheduleBody } from './directory-api';

let app: TestApp;
let acme: TenantLogins;
let directory: ReturnType<typeof directoryApi>;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app);
  directory = directoryApi(app, acme);
}, 60_000);
afterAll(() => app.close());

const NEVER_OPEN = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };

async function presets(year: number): Promise<HolidayPresetView[]> {
  return (await http().get(`/api/schedules/holiday-presets?year=${year}`).set(acme.as('supervisor')).expect(200)).body as HolidayPresetView[];
}

function datesOf(all: HolidayPresetView[], country: string, name: string): string[] {
  const preset = all.find((candidate) => candidate.country === country);
  if (preset === undefined) throw new Error(`no preset ${country}`);
  return preset.dates.filter((entry) => entry.name === name).map((entry) => entry.date);
}

describe('schedules', () => {
  it('creates a schedule with weekly hours, one-off and recurring holidays, and reads it back', async () => {
    const holidays = [
      { id: 'stocktake', name: 'Stocktake', rule: { type: 'date', date: '2026-06-12' } },
      { id: 'winter', name: 'Winter break', rule: { type: 'range', from: '2026-12-28', to: '2026-12-31' } },
      { id: 'eve', name: 'Christmas Eve', rule: { type: 'yearly-date', month: 12, day: 24, observedShift: 'none' }, hours: [{ open: '09:00', close: '12:00' }] },
      { id: 'thanksgiving', name: 'Thanksgiving', rule: { type: 'yearly-weekday', month: 11, weekday: 4, nth: 4 } },
      { id: 'easter-monday', name: 'Easter Monday', rule: { type: 'yearly-easter', offsetDays: 1 } },
    ];
    const created = await directory.createSchedule({ holidays });
    expect(created).toMatchObject({ id: expect.any(String), name: 'Office hours', timeZone: 'America/New_York', weekly: WEEKDAYS, holidays, override: null });
    expect(ScheduleStatusViewSchema.parse(created.status)).toMatchObject({ message: null, nextOpeningAt: expect.any(String) });
    expect((await http().get(`/api/schedules/${created.id}`).set(acme.as('supervisor')).expect(200)).body).toMatchObject({ id: created.id, holidays });

    const calendar = (await http().get(`/api/schedules/${created.id}/holidays?year=2026`).set(acme.as('supervisor')).expect(200)).body as HolidayCalendar;
    expect(calendar).toEqual({
      year: 2026,
      dates: [
        { date: '2026-04-06', holidayId: 'easter-monday', name: 'Easter Monday', observed: false },
        { date: '2026-06-12', holidayId: 'stocktake', name: 'Stocktake', observed: false },
        { date: '2026-11-26', holidayId: 'thanksgiving', name: 'Thanksgiving', observed: false },
        { date: '2026-12-24', holidayId: 'eve', name: 'Christmas Eve', observed: false },
        ...['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({ date, holidayId: 'winter', name: 'Winter break', observed: false })),
      ],
    });
  });

  it('reports the emergency override as the status, until it is lifted', async () => {
    const schedule = await directory.createSchedule({ weekly: NEVER_OPEN });
    expect(schedule.status).toMatchObject({ state: 'closed', reason: 'outside-hours', holiday: null, message: null, nextOpeningAt: null });

    const open = await http().patch(`/api/schedules/${schedule.id}`).set(acme.as('admin')).send({ override: { mode: 'open', reason: 'Storm hotline' } }).expect(200);
    expect((open.body as ScheduleView).status).toMatchObject({ state: 'open', reason: 'emergency', message: 'Storm hotline', nextOpeningAt: (open.body as ScheduleView).status.at });

    const closed = await http()
      .patch(`/api/schedules/${schedule.id}`)
      .set(acme.as('admin'))
      .send({ override: { mode: 'closed', reason: 'Flooded office', until: '2099-01-01T00:00:00Z' } })
      .expect(200);
    expect((closed.body as ScheduleView).status).toMatchObject({ state: 'closed', reason: 'emergency', message: 'Flooded office' });

    const lifted = await http().patch(`/api/schedules/${schedule.id}`).set(acme.as('admin')).send({ override: null }).expect(200);
    expect(lifted.body).toMatchObject({ override: null, weekly: NEVER_OPEN, status: { state: 'closed', reason: 'outside-hours' } });
  });

  it('is on holiday on a whole-day holiday every day of the year', async () => {
    const always = await directory.createSchedule({ holidays: [{ id: 'all-year', name: 'Sabbatical', rule: { type: 'range', from: '2000-01-01', to: '2200-12-31' } }] });
    expect(always.status).toMatchObject({ state: 'holiday', reason: 'holiday', holiday: { id: 'all-year', name: 'Sabbatical' }, nextOpeningAt: null });
  });

  it('refuses invalid hours and rules, naming the field', async () => {
    for (const [body, path] of [
      [scheduleBody({ weekly: { ...WEEKDAYS, monday: [{ open: '17:00', close: '09:00' }] } }), 'weekly.monday.0.close'],
      [scheduleBody({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      [scheduleBody({ holidays: [{ id: 'x', name: 'X', rule: { type: 'yearly-easter', offsetDays: 200 } }] }), 'holidays.0.rule.offsetDays'],
      [scheduleBody({ holidays: [{ id: 'x', name: 'X', rule: { type: 'yearly-date', month: 2, day: 30 } }] }), 'holidays.0.rule.day'],
    ] as const) {
      const response = await http().post('/api/schedules').set(acme.as('admin')).send(body).expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    await http().get('/api/schedules/holiday-presets?year=20x6').set(acme.as('admin')).expect(400);
  });
});

describe('holiday presets', () => {
  it('offers the United States, the United Kingdom, Canada, Germany and France', async () => {
    const all = await presets(2026);
    expect(all.map((preset) => preset.country)).toEqual(['US', 'GB', 'CA', 'DE', 'FR']);
    expect(all.every((preset) => preset.year === 2026 && preset.holidays.length >= 8 && preset.dates.length >= preset.holidays.length)).toBe(true);
  });

  it('dates US Thanksgiving 2026 on 26 November, and Independence Day on a Saturday observed the Friday before', async () => {
    const all = await presets(2026);
    expect(datesOf(all, 'US', 'Thanksgiving Day')).toEqual(['2026-11-26']);
    expect(datesOf(all, 'US', 'Independence Day')).toEqual(['2026-07-03', '2026-07-04']);
  });

  it('dates Easter Monday 2027 on 29 March in the UK, Germany and France', async () => {
    const all = await presets(2027);
    expect(datesOf(all, 'GB', 'Easter Monday')).toEqual(['2027-03-29']);
    expect(datesOf(all, 'DE', 'Ostermontag')).toEqual(['2027-03-29']);
    expect(datesOf(all, 'FR', 'Lundi de Pâques')).toEqual(['2027-03-29']);
    expect(datesOf(all, 'GB', 'Christmas Day')).toEqual(['2027-12-25', '2027-12-27']);
  });

  it('copied into a schedule, gives it the same holiday dates', async () => {
    const [us] = await presets(2026);
    const schedule = await directory.createSchedule({ holidays: us!.holidays });
    const calendar = (await http().get(`/api/schedules/${schedule.id}/holidays?year=2026`).set(acme.as('admin')).expect(200)).body as HolidayCalendar;
    expect(calendar.dates).toEqual(us!.dates);
  });
});
