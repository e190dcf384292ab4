import { Worker } from '@temporalio/worker';
import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CarrierApiGate } from './carrier-api-gate';
import { flowDocument, tts } from './call-stack';
import { ResilienceStack, acceptedCommands } from './resilience-stack';

jest.setTimeout(120_000);

describe('a carrier command that fails past its retries', () => {
  let stack: ResilienceStack;
  let gate: CarrierApiGate;
  let tenantId: string;

  beforeAll(async () => {
    stack = await ResilienceStack.start({ worker: 'process' });
    gate = await CarrierApiGate.start(stack.telnyxApiBaseUrl);
    await stack.spawnWorker('worker-1', gate.url);
    tenantId = await seedTenant(stack.asTestApp(), 'Outage Plumbing');
  }, 120_000);

  afterEach(() => gate.release());

  afterAll(async () => {
    await gate?.close();
    await stack?.close();
  }, 60_000);

  it('ends the call as failed, hung up and recorded, instead of failing its workflow and leaving the call open', async () => {
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For billing press 1.'), options: [{ digit: '1', label: 'Billing' }], timeoutSecs: 30, maxAttempts: 1 } },
          { id: 'billing', kind: 'play', config: { prompt: tts('Billing is closed today.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> menu', 'menu.1 -> billing', 'billing.next -> bye'],
      ),
    );
    gate.fail('speak');
    const call = stack.placeCall({ from: '+12125550147', to: number, script: [{ press: '1' }] });

    const record = await stack.outcome(call.callSessionId);
    expect(record.call.outcome).toMatchObject({ result: 'failed', node: 'billing' });
    expect(record.call.outcome?.reason).toMatch(/^a carrier command or look-up failed past its retries: /);
    expect(record.call.endedAt).not.toBeNull();
    // One request per attempt of the command's local activity.
    expect(gate.failedRequests).toBe(4);
    expect(acceptedCommands(record.timeline).map((command) => command.action)).toEqual(['answer', 'gather_using_speak', 'hangup']);
    expect(stack.sandbox.findCall(call.callControlId)?.state).toBe('ended');
    expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');
  });

  it('hangs up the agents still ringing and records the end as a step, when a command fails while they ring', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('ann', '201'), agent('bob', '202')],
      ringGroups: [{ id: 'crew', name: 'Crew', members: [{ agentId: 'ann', priority: 1 }, { agentId: 'bob', priority: 2 }], strategy: 'simultaneous', ringTimeoutSecs: 300 }],
    });
    stack.sandbox.setEndpoint('sip:ann@sandbox.callflow.test', { answer: 'never' });
    stack.sandbox.setEndpoint('sip:bob@sandbox.callflow.test', { answer: 'never' });
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'crew' } } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> ring', 'ring.answered -> bye', 'ring.noAnswer -> bye'],
      ),
    );
    // Ann's leg is dialled; every attempt at dialling Bob fails.
    gate.fail('dial', { passing: 1 });
    const failedBefore = gate.failedRequests;
    const call = stack.placeCall({ from: '+12125550148', to: number });

    const record = await stack.outcome(call.callSessionId);
    expect(record.call.outcome).toMatchObject({ result: 'failed', node: 'ring' });
    expect(gate.failedRequests - failedBefore).toBe(4);
    const legs = stack.dialledLegs(call.workflowId);
    expect(legs.map((leg) => ({ to: leg.to, state: leg.state }))).toEqual([{ to: 'sip:ann@sandbox.callflow.test', state: 'ended' }]);
    const hangups = acceptedCommands(record.timeline).filter((command) => command.action === 'hangup');
    expect(hangups.map((command) => command.callControlId).sort()).toEqual([legs[0]!.callControlId, call.callControlId].sort());
    expect(record.events.at(-1)).toMatchObject({ type: 'call.ended', outcome: { result: 'failed', node: 'ring' } });
    expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');

    // The way out of a failed call replays like any other path (a replay calls no sink, but the worker must know it).
    const history = await stack.client.workflow.getHandle(call.workflowId).fetchHistory();
    const sinks = { callLog: { append: { fn: () => undefined } } };
    await Worker.runReplayHistory({ workflowsPath: require.resolve('@callflow/workflows/src/workflows'), sinks }, history, call.workflowId);
  }, 120_000);
});
