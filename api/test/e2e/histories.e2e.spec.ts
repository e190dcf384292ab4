// Records the Temporal histories of representative calls for workflows/test/replay.spec.ts, which replays them in CI
// so that a change to workflow code that would break calls already running fails the build.
// `UPDATE_HISTORIES=1 npx jest test/e2e/histories.e2e.spec.ts` rewrites workflows/test/histories/*.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, flowDocument, tts } from './call-stack';

const HISTORIES_DIR = path.resolve(__dirname, '../../../workflows/test/histories');

const scenarios = {
  'menu-play-hang-up': {
    document: flowDocument(
      [
        { id: 'start', kind: 'entry' },
        { id: 'menu', kind: 'menu', config: { prompt: tts('Press 1 for hours.'), options: [{ digit: '1', label: 'Hours' }], timeoutSecs: 1 } },
        { id: 'hours', kind: 'play', config: { prompt: tts('We are open eight to six.') } },
        { id: 'bye', kind: 'hang-up', config: { goodbye: tts('Goodbye.') } },
      ],
      ['start.next -> menu', 'menu.1 -> hours', 'menu.timeout -> bye', 'hours.next -> bye'],
    ),
    script: [{ silence: true }, { press: '1' }],
  },
  'ring-group-answered': {
    document: flowDocument(
      [
        { id: 'start', kind: 'entry' },
        { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'dispatch' }, announce: tts('Connecting you.') } },
        { id: 'bye', kind: 'hang-up' },
      ],
      ['start.next -> ring', 'ring.noAnswer -> bye', 'ring.answered -> bye'],
    ),
    script: [],
  },
  'voicemail-left': {
    document: flowDocument(
      [
        { id: 'start', kind: 'entry' },
        { id: 'vm', kind: 'voicemail', config: { mailboxId: 'office', maxLengthSecs: 30 } },
      ],
      ['start.next -> vm'],
    ),
    script: [{ say: 'Hi, my sink is leaking, please call me back.' }, { hangup: true }],
  },
} as const;

describe('recorded call histories', () => {
  let stack: CallStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await CallStack.start();
    tenantId = await seedTenant(stack.asTestApp(), 'History Plumbing');
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('hana', '301'), agent('ivo', '302')],
      ringGroups: [{ id: 'dispatch', name: 'Dispatch', members: [{ agentId: 'hana', priority: 1 }, { agentId: 'ivo', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 10 }],
      mailboxes: [{ id: 'office', name: 'Office', ownerAgentId: null, greeting: null, notifyEmails: ['office@history.test'], notifySms: [], transcribe: false, maxLengthSecs: 60 }],
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  it.each(Object.entries(scenarios))('%s replays deterministically on the current workflow code', async (name, scenario) => {
    const { number } = await seedNumberWithFlow(stack.asTestApp(), tenantId, scenario.document);
    const result = await stack.call({ from: '+12125550147', to: number, script: [...scenario.script] });
    const handle = stack.client.workflow.getHandle(result.workflowId);
    await handle.result();
    const history = await handle.fetchHistory();

    // The live call-log sink the workflow calls as it runs (a replay calls no sink, but the worker must know it).
    const sinks = { callLog: { append: { fn: () => undefined } } };
    await Worker.runReplayHistory({ workflowsPath: require.resolve('@callflow/workflows/src/workflows'), sinks }, history, result.workflowId);

    if (process.env.UPDATE_HISTORIES === '1') writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
  }, 120_000);
});
