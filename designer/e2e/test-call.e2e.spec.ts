import type { FlowDetail, Session } from '@callflow/schemas';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiRequest, apiSession } from './support/api';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';

/* The simulator's second mode: a real call through the sandbox carrier into the flow's number, followed on the canvas. */

const CALLER = '+14155550188';
/** A number of its own each run (a stack kept running for several runs keeps the numbers of earlier ones). */
const NUMBER = `+1800556${String(Math.floor(1000 + Math.random() * 9000))}`;
const tts = (text: string) => ({ type: 'tts', text, voice: 'female', language: 'en-US' });

/** entry → menu: 1 rings the Dispatch group, 2 (or nobody answering) goes to voicemail. */
function menuFlow(): unknown {
  const node = (id: string, kind: string, label: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, version: 1, label, position: { x, y: 0 }, config });
  return {
    format: 'callflow.flow/v1',
    metadata: { name: 'Test call line', description: '', timeZone: 'America/New_York', tags: [] },
    variables: [],
    nodes: [
      node('start', 'entry', 'Test number', 0),
      node('menu', 'menu', 'Main menu', 300, { prompt: tts('Press 1 for dispatch, 2 to leave a message.'), options: [{ digit: '1', label: 'Dispatch' }, { digit: '2', label: 'Message' }], timeoutSecs: 30 }),
      node('ring', 'ring-group', 'Dispatch', 600, { target: { type: 'group', ringGroupId: 'dispatch' } }),
      node('vm', 'voicemail', 'Message', 900, { mailboxId: 'office', greeting: tts('Leave a message after the beep.') }),
      node('bye', 'hang-up', 'Goodbye', 1200),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'menu' },
      { id: 'e2', source: 'menu', sourcePort: '1', target: 'ring' },
      { id: 'e3', source: 'menu', sourcePort: '2', target: 'vm' },
      { id: 'e4', source: 'menu', sourcePort: 'timeout', target: 'bye' },
      { id: 'e5', source: 'ring', sourcePort: 'answered', target: 'bye' },
      { id: 'e6', source: 'ring', sourcePort: 'noAnswer', target: 'vm' },
      { id: 'e7', source: 'vm', sourcePort: 'next', target: 'bye' },
    ],
  };
}

const lit = (page: Page, id: string): Locator => page.locator(`[data-testid="node-${id}"]:is(.is-visited, .is-current)`);

describe('a sandbox test call from the simulator', () => {
  let browser: Browser;
  let page: Page;
  let admin: Session;
  let flow: FlowDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(DEMO_USERS.admin);
    flow = await apiRequest<FlowDetail>(admin, 'POST', '/flows', { name: 'Test call line', document: menuFlow() });
    await apiRequest(admin, 'POST', `/flows/${flow.id}/versions`, { notes: 'first' });
    await apiRequest(admin, 'POST', '/numbers', { number: NUMBER, label: 'Test line', flowId: flow.id });
    page = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('places a call to the flow’s number, presses 1 and lights the path up to the ring group', async () => {
    await signIn(page, DEMO_USERS.admin);
    await page.goto(`/flows/${flow.id}`);
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page.getByText('Test call', { exact: true }).click();
    await page.getByText('The call runs the published version v1.').waitFor();
    await page.getByRole('textbox', { name: 'Caller number' }).fill(CALLER);
    await page.getByRole('button', { name: 'Place call' }).click();

    await page.getByText('In the call at “Main menu”').waitFor();
    await lit(page, 'menu').waitFor();
    await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).click();
    await lit(page, 'ring').waitFor();
    const steps = page.getByRole('list', { name: 'Test call steps' });
    await steps.getByText('caller pressed 1 (accepted)').waitFor();
    expect(await lit(page, 'vm').count()).toBe(0);
    // The panel leaves the canvas narrow: zoom out to have the whole path in the screenshot.
    for (let step = 0; step < 4; step++) await page.getByRole('button', { name: 'zoom out' }).click();
    await screenshot(page, 'simulator-test-call');

    const simulator = page.getByRole('tabpanel', { name: 'Simulator' });
    await simulator.getByRole('button', { name: 'Hang up' }).click();
    await simulator.getByText(/^Call ended at /).waitFor();
    await screenshot(page, 'simulator-test-call-ended');
  });
});
