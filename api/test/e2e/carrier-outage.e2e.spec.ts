import { seedNumberWithFlow, seedTenant } from '../support/seed';
import { CarrierApiGate } from './carrier-api-gate';
import { flowDocument, tts } from './call-stack';
import { ResilienceStack, acceptedCommands } from './resilience-stack';

jest.setTimeout(120_000);

describe('a carrier command that fails past its retries', () => {
  let stack: ResilienceStack;
  let gate: CarrierApiGate;

  beforeAll(async () => {
    stack = await ResilienceStack.start({ worker: 'process' });
    gate = await CarrierApiGate.start(stack.telnyxApiBaseUrl);
    await stack.spawnWorker('worker-1', gate.url);
  }, 120_000);

  afterAll(async () => {
    await gate?.close();
    await stack?.close();
  }, 60_000);

  it('ends the call as failed, hung up and recorded, instead of failing its workflow and leaving the call open', async () => {
    const tenantId = await seedTenant(stack.asTestApp(), 'Outage Plumbing');
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
});
