import type { FlowDetail, Session } from '@callflow/schemas';
import type { Browser, Page } from 'playwright-core';
import { apiRequest, apiSession } from './support/api';
import { DEMO_USERS, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { stackInfo } from './support/stack';

/*
 * A sandbox test call watched live by a supervisor, rung to an agent's console in a second browser, accepted there
 * and bridged to that agent, hung up from the console, then replayed step by step.
 */

const CALLER = '+14155550177';
/** A number of its own each run (a stack kept running for several runs keeps the numbers of earlier ones). */
const NUMBER = `+1800555${String(Math.floor(1000 + Math.random() * 9000))}`;
const agentPhone = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;

/** entry → greeting → the Dispatch ring group (Ann and Bob at once) → goodbye when nobody answers. */
function dispatchFlow(): unknown {
  const node = (id: string, kind: string, label: string, x: number, config: Record<string, unknown> = {}) => ({ id, kind, version: 1, label, position: { x, y: 0 }, config });
  return {
    format: 'callflow.flow/v1',
    metadata: { name: 'Dispatch line', description: '', timeZone: 'America/New_York', tags: [] },
    variables: [],
    nodes: [
      node('start', 'entry', 'Dispatch number', 0),
      node('greet', 'play', 'Greeting', 300, { prompt: { type: 'tts', text: 'Thanks for calling dispatch.', voice: 'female', language: 'en-US' } }),
      node('ring', 'ring-group', 'Dispatch', 600, { target: { type: 'group', ringGroupId: 'dispatch' } }),
      node('bye', 'hang-up', 'Goodbye', 900),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'greet' },
      { id: 'e2', source: 'greet', sourcePort: 'next', target: 'ring' },
      { id: 'e3', source: 'ring', sourcePort: 'noAnswer', target: 'bye' },
    ],
  };
}

async function sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stackInfo().baseUrl}/sandbox/control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

interface SandboxLeg {
  direction: 'incoming' | 'outgoing';
  to: string;
  state: string;
  bridgedWith: string | null;
  callControlId: string;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('live monitor, agent console and replay in the browser', () => {
  let browser: Browser;
  let supervisor: Page;
  let ann: Page;
  let bob: Page;
  let admin: Session;
  let flow: FlowDetail;
  let callId: string;
  const restore: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await apiSession(DEMO_USERS.admin);
    flow = await apiRequest<FlowDetail>(admin, 'POST', '/flows', { name: 'Dispatch line', document: dispatchFlow() });
    await apiRequest(admin, 'POST', `/flows/${flow.id}/versions`, { notes: 'first' });
    await apiRequest(admin, 'POST', '/numbers', { number: NUMBER, label: 'Dispatch', flowId: flow.id });
    // The sandbox runs five times faster than real time, rings included: ring long enough for a person to answer.
    await apiRequest(admin, 'PATCH', '/ring-groups/dispatch', { ringTimeoutSecs: 300 });
    await apiRequest(admin, 'PATCH', '/agents/bob', { ringTimeoutSecs: 120 });
    restore.push(
      () => apiRequest(admin, 'PATCH', '/ring-groups/dispatch', { ringTimeoutSecs: 20 }),
      () => apiRequest(admin, 'PATCH', '/agents/bob', { ringTimeoutSecs: 20 }),
      () => apiRequest(admin, 'PATCH', '/mailboxes/office', { ownerAgentId: null }),
      ...['ann', 'bob'].map((agentId) => () => sandbox('DELETE', `/endpoints/${encodeURIComponent(agentPhone(agentId))}`)),
    );
    // The agents' simulated phones never answer by themselves: only the console answers Ann's.
    for (const agentId of ['ann', 'bob']) await sandbox('PUT', `/endpoints/${encodeURIComponent(agentPhone(agentId))}`, { answer: 'never' });

    supervisor = await (await newContext(browser)).newPage();
    ann = await (await newContext(browser)).newPage();
    bob = await (await newContext(browser)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    // The demo company as the other browser specs expect it.
    for (const step of restore) await step();
  });

  it('shows a sandbox test call live: its node on the canvas, in the table, and the agents', async () => {
    await signIn(supervisor, DEMO_USERS.supervisor);
    await supervisor.goto('/live');
    await supervisor.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await supervisor.getByTestId('agent-ann').getByText('Available').waitFor();

    await signIn(ann, DEMO_USERS.ann);
    await ann.goto('/agent');
    await ann.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await ann.getByRole('button', { name: 'Enable sound' }).click();
    await ann.locator('[data-testid="sound"][data-sound="enabled"]').waitFor();

    await sandbox('POST', '/calls', { from: CALLER, to: NUMBER });
    const row = supervisor.getByRole('table', { name: 'Active calls' }).getByRole('row').filter({ hasText: CALLER });
    await row.getByTestId('current-node').getByText('Dispatch').waitFor();
    callId = (await row.getAttribute('data-testid'))!.replace(/^call-/, '');
    await row.getByText('Dispatch line').waitFor();
    // The canvas shows the flow the call runs, with the caller counted at the ring group.
    await supervisor.getByTestId('node-count-ring').getByText('1 caller').waitFor();
    await supervisor.getByTestId('active-count').getByText('1').waitFor();
    await screenshot(supervisor, 'live-monitor-call');
  });

  it("rings the agent's console with the caller; accepting there bridges the call to the agent", async () => {
    const ring = ann.getByRole('alert', { name: `Incoming call from ${CALLER}` });
    await ring.waitFor();
    await ring.getByText('Dispatch line').waitFor();
    // Sound was enabled with a click: the ringtone plays, and nothing says it is blocked.
    await ann.locator('[data-testid="sound"][data-sound="enabled"]').waitFor();
    expect(await ann.getByTestId('sound-notice').count()).toBe(0);
    await screenshot(ann, 'agent-console-ringing');

    await ring.getByRole('button', { name: 'Accept' }).click();
    await ann.locator('[data-testid="current-call"][data-state="talking"]').getByText(CALLER).waitFor();
    await ring.waitFor({ state: 'detached' });

    const legs = await until('the caller bridged to Ann', async () => {
      const all = (await sandbox('GET', '/calls')) as SandboxLeg[];
      const annLeg = all.find((leg) => leg.to === agentPhone('ann') && leg.state === 'answered' && leg.bridgedWith !== null);
      return annLeg && { annLeg, all };
    });
    const caller = legs.all.find((leg) => leg.direction === 'incoming' && leg.callControlId === legs.annLeg.bridgedWith);
    expect(caller).toMatchObject({ state: 'answered' });
    // Bob was rung too, and stopped ringing once Ann answered.
    await until('Bob no longer rung', async () => ((await sandbox('GET', '/calls')) as SandboxLeg[]).find((leg) => leg.to === agentPhone('bob') && leg.state === 'ended'));
    await screenshot(ann, 'agent-console-on-call');
  });

  it('hangs up from the console: the call ends there and leaves the monitor', async () => {
    await ann.getByRole('button', { name: 'Hang up' }).click();
    await ann.locator('[data-testid="current-call"][data-state="ended"]').waitFor();
    await ann.getByText(/Call ended · answered/).waitFor();
    await supervisor.getByTestId(`call-${callId}`).waitFor({ state: 'detached' });
    await supervisor.getByTestId('active-count').getByText('0').waitFor();
    await screenshot(ann, 'agent-console-ended');
  });

  it('replays the call step by step on the version it ran on', async () => {
    await supervisor.goto('/calls');
    const row = supervisor.getByTestId(`call-row-${callId}`);
    await row.getByText('answered').waitFor();
    await screenshot(supervisor, 'call-history');
    await row.getByRole('link', { name: 'Replay' }).click();
    await supervisor.waitForURL(`**/calls/${callId}/replay`);

    const details = supervisor.getByTestId('step-details');
    await details.waitFor();
    const stepToNode = async (label: string) => {
      for (let tries = 0; tries < 10 && !(await details.getByText(label, { exact: true }).isVisible()); tries++) {
        await supervisor.getByRole('button', { name: 'Next step' }).click();
      }
      await details.getByText(label, { exact: true }).waitFor();
    };
    await stepToNode('Greeting');
    await details.getByText('Thanks for calling dispatch.').waitFor();
    await supervisor.locator('[data-testid="node-greet"].is-current').waitFor();
    await supervisor.locator('[data-testid="node-start"].is-visited').waitFor();

    await stepToNode('Dispatch');
    await details.getByText('Rang Ann Diaz (110), Bob Lee (111)').waitFor();
    await details.getByText('Answered by Ann Diaz').waitFor();
    await supervisor.locator('[data-testid="node-ring"].is-current').waitFor();
    await supervisor.locator('[data-testid="node-greet"].is-visited').waitFor();
    expect(await supervisor.locator('.react-flow__edge.simulated').count()).toBe(2);
    await screenshot(supervisor, 'call-replay');

    // Back to the start, then play it through.
    await supervisor.getByRole('button', { name: 'Previous step' }).click();
    await supervisor.locator('[data-testid="node-greet"].is-current').waitFor();
    await supervisor.getByText('16×', { exact: true }).click();
    expect(await supervisor.getByRole('radio', { name: '16×' }).isChecked()).toBe(true);
    await supervisor.getByRole('button', { name: 'Play' }).click();
    await supervisor.locator('[data-testid="node-ring"].is-current').waitFor();
    await supervisor.getByRole('button', { name: 'Play' }).waitFor();
  });

  it("transfers a call from one agent's console to a colleague's extension, who answers in theirs", async () => {
    await signIn(bob, DEMO_USERS.bob);
    await bob.goto('/agent');
    await bob.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await ann.getByRole('button', { name: 'Close' }).click();

    await sandbox('POST', '/calls', { from: CALLER, to: NUMBER });
    const ring = ann.getByRole('alert', { name: `Incoming call from ${CALLER}` });
    await ring.getByRole('button', { name: 'Accept' }).click();
    const annCall = ann.getByTestId('current-call');
    await annCall.and(ann.locator('[data-state="talking"]')).waitFor();
    // Bob was rung too and the call was answered by Ann: his console no longer rings.
    await bob.getByRole('alert', { name: `Incoming call from ${CALLER}` }).waitFor({ state: 'detached' });

    await annCall.getByRole('textbox', { name: 'Transfer to extension' }).fill('111');
    await screenshot(ann, 'agent-console-transfer');
    await annCall.getByRole('button', { name: 'Transfer' }).click();
    await annCall.getByText(/Call ended · transferred to extension 111/).waitFor();

    const bobRing = bob.getByRole('alert', { name: `Incoming call from ${CALLER}` });
    await bobRing.getByRole('button', { name: 'Accept' }).click();
    await bob.locator('[data-testid="current-call"][data-state="talking"]').getByText(CALLER).waitFor();
    await until('the caller bridged to Bob', async () =>
      ((await sandbox('GET', '/calls')) as SandboxLeg[]).find((leg) => leg.to === agentPhone('bob') && leg.state === 'answered' && leg.bridgedWith !== null),
    );
    await screenshot(bob, 'agent-console-transferred-in');
    await bob.getByRole('button', { name: 'Hang up' }).click();
    await bob.locator('[data-testid="current-call"][data-state="ended"]').waitFor();
  });

  it("lists a voicemail left in the agent's mailbox: it plays, and playing it marks it read", async () => {
    // A line straight to voicemail, in a mailbox Ann owns (agents see their own mailboxes only).
    await apiRequest(admin, 'PATCH', '/mailboxes/office', { ownerAgentId: 'ann' });
    const voicemailLine = await apiRequest<FlowDetail>(admin, 'POST', '/flows', {
      name: 'After hours',
      document: {
        format: 'callflow.flow/v1',
        metadata: { name: 'After hours', description: '', timeZone: 'America/New_York', tags: [] },
        variables: [],
        nodes: [
          { id: 'start', kind: 'entry', version: 1, label: 'After hours', position: { x: 0, y: 0 }, config: {} },
          { id: 'vm', kind: 'voicemail', version: 1, label: 'Message', position: { x: 300, y: 0 }, config: { mailboxId: 'office' } },
        ],
        edges: [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'vm' }],
      },
    });
    await apiRequest(admin, 'POST', `/flows/${voicemailLine.id}/versions`, { notes: 'first' });
    const afterHours = `+1800556${String(Math.floor(1000 + Math.random() * 9000))}`;
    await apiRequest(admin, 'POST', '/numbers', { number: afterHours, label: 'After hours', flowId: voicemailLine.id });
    const from = `+1415556${String(Math.floor(1000 + Math.random() * 9000))}`;
    await sandbox('POST', '/calls', { from, to: afterHours, script: [{ say: 'Please call me back about the boiler' }] });

    const message = ann.getByRole('listitem').filter({ hasText: from });
    await until('the voicemail in the inbox', async () => {
      await ann.reload();
      await ann.getByRole('heading', { name: 'Voicemails' }).waitFor();
      return (await message.count()) > 0 && (await message.getByText('Please call me back about the boiler').count()) > 0;
    }, 60_000);
    await message.getByRole('button', { name: 'Mark read' }).waitFor();
    await message.getByRole('button', { name: 'Play' }).click();
    const player = message.locator('audio');
    await player.waitFor();
    expect(await player.getAttribute('src')).toMatch(/^blob:/);
    await message.getByText('read', { exact: true }).waitFor();
    await screenshot(ann, 'agent-console-voicemail');
  });
});
