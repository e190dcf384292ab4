import type { AgentView, HolidayCalendar, ScheduleView, Session } from '@callflow/schemas';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiRequest, apiSession } from './support/api';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';

/*
 * Settings in the browser: an admin puts an agent on vacation and edits a schedule's hours and holidays (checked
 * through the API afterwards); a supervisor reads without being offered changes; an agent is not shown settings.
 */

/** A holiday of its own each run (a stack kept running for several runs keeps the holidays of earlier ones). */
const PICNIC = `Company picnic ${Math.floor(1000 + Math.random() * 9000)}`;

const drawer = (page: Page): Locator => page.getByRole('dialog');
const gridCell = (page: Page, name: string): Locator => page.getByRole('gridcell', { name });

/** Where `locator` is once it stands still (a drawer may still be sliding in). */
async function stillBox(page: Page, locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  for (let previous = await locator.boundingBox(); ; ) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const current = await locator.boundingBox();
    if (previous && current && previous.x === current.x && previous.y === current.y) return current;
    previous = current;
  }
}

/** Presses the mouse on one grid cell, moves over to another and lets go. */
async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await stillBox(page, from);
  const end = await stillBox(page, to);
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 });
  await page.mouse.up();
}

describe('settings in the browser', () => {
  let browser: Browser;
  let admin: Session;
  let seeded: ScheduleView;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(DEMO_USERS.admin);
    // Closed on Saturdays, as the demo company is seeded (a stack kept running may still have an earlier run's change).
    seeded = await apiRequest<ScheduleView>(admin, 'GET', '/schedules/office-hours');
    await apiRequest(admin, 'PATCH', '/schedules/office-hours', { weekly: { ...seeded.weekly, saturday: [] } });
  });

  afterAll(async () => {
    // The other browser specs share the demo company: leave it as it was.
    await apiRequest(admin, 'PATCH', '/agents/cara', { vacation: null });
    await apiRequest(admin, 'PATCH', '/schedules/office-hours', { weekly: seeded.weekly, holidays: seeded.holidays });
    await browser?.close();
  });

  it("lets an admin put an agent on vacation with a forward, and change a schedule's hours and holidays", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, DEMO_USERS.admin);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/settings/numbers');
    await page.getByRole('table', { name: 'Numbers' }).getByText('+18005550100').waitFor();
    await screenshot(page, 'settings-numbers');

    // Cara goes on vacation from today (in her time zone) for a week; Ann takes her calls.
    await page.getByRole('navigation', { name: 'Settings' }).getByText('Agents').click();
    const agents = page.getByRole('table', { name: 'Agents' });
    await agents.getByText('Cara Oak', { exact: true }).click();
    const caraDrawer = drawer(page);
    const vacation = caraDrawer.getByRole('switch', { name: 'On vacation' });
    if (!(await vacation.isChecked())) await vacation.click();
    const today = DateTime.now().setZone('America/New_York');
    const from = today.toFormat('yyyy-MM-dd');
    const to = today.plus({ days: 6 }).toFormat('yyyy-MM-dd');
    await caraDrawer.getByLabel('From').fill(to);
    await caraDrawer.getByLabel('To (included)').fill(from);
    await caraDrawer.getByRole('button', { name: 'Save' }).click();
    await caraDrawer.getByText('"to" must not be before "from"').waitFor();
    await screenshot(page, 'settings-agent-vacation-invalid');

    await caraDrawer.getByLabel('From').fill(from);
    await caraDrawer.getByLabel('To (included)').fill(to);
    await caraDrawer.getByRole('textbox', { name: 'Message' }).fill('Back next week');
    await caraDrawer.getByRole('combobox', { name: 'Forward calls to' }).click();
    await page.getByRole('option', { name: 'Another agent' }).click();
    await caraDrawer.getByRole('combobox', { name: 'Agent' }).click();
    await page.getByRole('option', { name: 'Ann Diaz (110)' }).click();
    await screenshot(page, 'settings-agent-vacation');
    await caraDrawer.getByRole('button', { name: 'Save' }).click();
    await caraDrawer.waitFor({ state: 'hidden' });
    const caraRow = agents.getByRole('row').filter({ hasText: 'Cara Oak' });
    await caraRow.getByText('On vacation').waitFor();
    await caraRow.getByText(`until ${to} · calls go to Ann Diaz`).waitFor();
    await screenshot(page, 'settings-agents');

    const cara = await apiRequest<AgentView>(admin, 'GET', '/agents/cara');
    expect(cara.vacation).toEqual({ from, to, message: 'Back next week', forwardTo: { type: 'agent', agentId: 'ann' } });
    expect(cara.availability).toMatchObject({ availableNow: false, reason: 'vacation', forwardTo: { type: 'agent', agentId: 'ann' } });

    // The office opens Saturday mornings and closes for a picnic.
    await page.getByRole('navigation', { name: 'Settings' }).getByText('Schedules & holidays').click();
    await page.getByRole('table', { name: 'Schedules & holidays' }).getByText('Office hours').click();
    const scheduleDrawer = drawer(page);
    await dragBetween(page, gridCell(page, 'Saturday 09:00–09:30'), gridCell(page, 'Saturday 11:30–12:00'));
    await scheduleDrawer.getByText('Sat 09:00–12:00').waitFor();

    await scheduleDrawer.getByRole('button', { name: 'Add holiday', exact: true }).click();
    const holiday = scheduleDrawer.getByRole('group', { name: 'Holiday' });
    await holiday.getByRole('textbox', { name: 'Name' }).fill(PICNIC);
    const picnicDate = `${today.year}-08-14`;
    await holiday.getByLabel('Date').fill(picnicDate);
    await holiday.getByRole('button', { name: 'Add holiday', exact: true }).click();
    await scheduleDrawer.getByRole('table', { name: 'Holidays' }).getByText(PICNIC).waitFor();
    await scheduleDrawer.getByText(PICNIC).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-schedule');
    await scheduleDrawer.getByRole('button', { name: 'Save' }).click();
    await scheduleDrawer.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Schedules & holidays' }).getByText(/Sat 09:00–12:00/).waitFor();
    await screenshot(page, 'settings-schedules');

    const schedule = await apiRequest<ScheduleView>(admin, 'GET', '/schedules/office-hours');
    expect(schedule.weekly.saturday).toEqual([{ open: '09:00', close: '12:00' }]);
    expect(schedule.weekly.friday).toEqual([{ open: '08:00', close: '17:00' }]);
    expect(schedule.holidays.find((entry) => entry.name === PICNIC)?.rule).toEqual({ type: 'date', date: picnicDate });
    const calendar = await apiRequest<HolidayCalendar>(admin, 'GET', `/schedules/office-hours/holidays?year=${today.year}`);
    expect(calendar.dates.filter((date) => date.name === PICNIC).map((date) => date.date)).toEqual([picnicDate]);

    // Every other section draws.
    for (const section of ['Ring groups', 'Queues', 'Voicemail boxes', 'Users & roles']) {
      await page.getByRole('navigation', { name: 'Settings' }).getByText(section).click();
      await page.getByRole('table', { name: section === 'Users & roles' ? 'Users & roles' : section }).getByRole('row').nth(1).waitFor();
      await screenshot(page, `settings-${section.toLowerCase().replace(/[^a-z]+/g, '-')}`);
    }
    await page.context().close();
  });

  it('shows a supervisor the directory without offering changes, and no users', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, DEMO_USERS.supervisor);
    await page.goto('/settings/agents');
    await page.getByRole('table', { name: 'Agents' }).getByText('Ann Diaz', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'New agent' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Settings' }).getByText('Users & roles').count()).toBe(0);
    await page.getByRole('table', { name: 'Agents' }).getByText('Ann Diaz', { exact: true }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });

  it('does not show settings to an agent, not even by address', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, DEMO_USERS.ann);
    await page.getByRole('link', { name: 'Agent console' }).waitFor();
    expect(await page.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Analytics' }).count()).toBe(0);
    await page.goto('/settings/agents');
    await page.getByText('Not available to your role').waitFor();
    expect(await page.getByRole('table', { name: 'Agents' }).count()).toBe(0);
    await screenshot(page, 'settings-as-agent');
    await page.context().close();
  });
});
