import type { BusiestHoursReport, CallMetricsReport, DropOffReport, Session } from '@callflow/schemas';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { apiRequest, apiSession } from './support/api';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { stackInfo } from './support/stack';

/*
 * After a few sandbox calls to the demo number whose callers hang up early, a supervisor reads today's analytics:
 * the totals, the busiest hour and the drop-off on the flow's canvas are the API's figures, and a table exports as CSV.
 */

const DEMO_NUMBER = '+18005550100';
/** The flow the demo number runs. */
const DEMO_FLOW = 'Front desk';
const CALLS = 2;

async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stackInfo().baseUrl}/sandbox/control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('analytics in the browser', () => {
  let browser: Browser;
  let supervisor: Session;

  beforeAll(async () => {
    browser = await launchBrowser();
    supervisor = await apiSession(DEMO_USERS.supervisor);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows a supervisor today's calls, busiest hour and drop-off as the API counts them, and exports CSV", async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, DEMO_USERS.supervisor);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL('**/analytics');
    await page.getByText('Today', { exact: true }).click();
    await page.waitForURL(/period=today/);
    const timeZone = await page.getByRole('combobox', { name: 'Time zone' }).inputValue();
    const today = DateTime.now().setZone(timeZone);
    const period = `from=${today.toFormat('yyyy-MM-dd')}&to=${today.plus({ days: 1 }).toFormat('yyyy-MM-dd')}&timeZone=${encodeURIComponent(timeZone)}`;
    const reports = async () => ({
      total: (await apiRequest<CallMetricsReport>(supervisor, 'GET', `/analytics/calls?${period}&by=tenant`)).rows[0]!,
      busiest: await apiRequest<BusiestHoursReport>(supervisor, 'GET', `/analytics/busiest-hours?${period}`),
      dropOff: await apiRequest<DropOffReport>(supervisor, 'GET', `/analytics/drop-off?${period}`),
    });
    const before = (await reports()).total;

    for (let index = 0; index < CALLS; index++) {
      await sandbox('POST', '/calls', { from: `+1415555019${index}`, to: DEMO_NUMBER, hangUpAfterSecs: 4 });
    }
    // Both callers hang up during the first prompt: the calls are done once both count as abandoned.
    await until('the calls in the report', async () => {
      const { total } = await reports();
      return total.calls >= before.calls + CALLS && total.abandoned >= before.abandoned + CALLS;
    });

    // Calls of other specs may land meanwhile: compare the page with the API when nothing changed while it loaded.
    const { total, busiest, dropOff } = await until('the page loaded while the figures stood still', async () => {
      const expected = await reports();
      await page.reload();
      await page.getByRole('region', { name: 'Reports' }).and(page.locator('[aria-busy="false"]')).waitFor();
      return JSON.stringify(await reports()) === JSON.stringify(expected) && expected;
    });
    expect(await page.getByLabel('Calls', { exact: true }).textContent()).toBe(String(total.calls));
    expect(await page.getByLabel('Answered', { exact: true }).textContent()).toBe(String(total.answered));
    expect(await page.getByLabel('Abandoned', { exact: true }).textContent()).toBe(String(total.abandoned));
    expect(await page.getByLabel('Voicemail', { exact: true }).textContent()).toBe(String(total.voicemail));
    await screenshot(page, 'analytics');

    // Today's hours with calls (the calls may straddle the turn of an hour), each a cell named with its count.
    const todaysHours = busiest.rows.filter((row) => row.dayOfWeek === today.weekday && row.calls > 0);
    expect(todaysHours.reduce((sum, row) => sum + row.calls, 0)).toBeGreaterThanOrEqual(CALLS);
    const hh = (hour: number) => String(hour).padStart(2, '0');
    for (const row of todaysHours) {
      const name = `${today.toFormat('ccc')} ${hh(row.hour)}:00–${hh(row.hour + 1)}:00 · ${row.calls} ${row.calls === 1 ? 'call' : 'calls'}`;
      await page.getByRole('img', { name }).scrollIntoViewIfNeeded();
    }
    await screenshot(page, 'analytics-busiest-hours');

    // Only this spec calls the demo number: its flow's drop-off stays as it is now.
    const frontDesk = dropOff.rows.filter((row) => row.flowName === DEMO_FLOW);
    expect(frontDesk.reduce((sum, row) => sum + row.hangUps, 0)).toBeGreaterThanOrEqual(CALLS);
    const flowChoice = page.getByRole('textbox', { name: 'Flow' }).or(page.getByRole('combobox', { name: 'Flow' }));
    await flowChoice.scrollIntoViewIfNeeded();
    await flowChoice.click();
    await page.getByRole('option', { name: new RegExp(`^${DEMO_FLOW}`) }).click();
    for (const row of frontDesk) await page.getByTestId(`node-count-${row.node}`).filter({ hasText: `${row.hangUps} hung up` }).waitFor();
    expect(await page.getByTestId(/^node-count-/).count()).toBe(frontDesk.length);
    await page.getByRole('table', { name: 'Hang-ups per node' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-drop-off');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Drop-off as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`drop-off-${today.toFormat('yyyy-MM-dd')}-${today.plus({ days: 1 }).toFormat('yyyy-MM-dd')}.csv`);
    const [header, ...lines] = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('flow_id,flow_name,node,kind,label,hang_ups');
    for (const row of frontDesk) expect(lines).toContain(`${row.flowId},${DEMO_FLOW},${row.node},${row.kind},${row.label},${row.hangUps}`);
    await page.context().close();
  });
});
