import type { Browser, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';

describe('flows in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in and lists the flows', async () => {
    await page.goto('/flows');
    await page.waitForURL('**/login');
    await screenshot(page, 'login');
    await signIn(page, DEMO_USERS.admin);
    await page.getByRole('table', { name: 'Flows' }).getByRole('link', { name: 'Front desk' }).waitFor();
    await screenshot(page, 'flows-list');
    await page.getByRole('link', { name: 'Front desk' }).click();
    await page.getByText('Saved').waitFor();
    await screenshot(page, 'flow-editor');
  });
});
