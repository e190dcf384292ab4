import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { stackInfo } from './stack';

/** Screenshots of each page the specs visit, to look at (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '.screenshots');

/** Logins of the demo company the stack seeds (sandbox mode only). */
export const DEMO_PASSWORD = 'callflow-demo';
export const DEMO_USERS = {
  owner: 'owner@demo-plumbing.test',
  admin: 'admin@demo-plumbing.test',
  supervisor: 'supervisor@demo-plumbing.test',
  ann: 'ann@demo-plumbing.test',
  bob: 'bob@demo-plumbing.test',
} as const;

/** Debian's Chromium (CHROMIUM_PATH overrides), headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A fresh browser profile (its own localStorage: its own session) on the stack, at a desk-sized window. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: stackInfo().baseUrl, viewport: { width: 1440, height: 900 } });
}

/** Signs in through the login page; resolves on the page the app lands on. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
