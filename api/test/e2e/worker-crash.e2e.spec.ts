import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CarrierApiGate } from './carrier-api-gate';
import { flowDocument, tts, waitFor } from './call-stack';
import { ResilienceStack, acceptedCommands, commandEntries, type CallRecord, type WorkerProcess } from './resilience-stack';

jest.setTimeout(120_000);

const CALLER = '+12125550147';

/**
 * The worker runs as `npm start` runs it, an OS process of its own, and dies of SIGKILL mid-call. A replacement
 * process takes the call over once Temporal gives up on the dead worker's sticky queue (3 s). Starting a worker
 * process takes several seconds (it bundles the workflow code), so the sandbox runs at half speed here: the
 * caller and the agents wait long enough in real time for the replacement to come up.
 */
describe('a worker killed mid-call (SIGKILL): a new worker process takes over', () => {
  let stack: ResilienceStack;
  let tenantId: string;
  let worker: WorkerProcess;

  beforeAll(async () => {
    stack = await ResilienceStack.start({ worker: 'process', speed: 0.5 });
    tenantId = await seedTenant(stack.asTestApp(), 'Crash Test Plumbing');
    worker = await stack.spawnWorker('worker-1');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  /** Resolves once no workflow task is pending: the worker has carried out everything so far and holds the call in its cache. */
  async function idle(workflowId: string): Promise<void> {
    await waitFor(`${workflowId} to wait with no workflow task pending`, async () => {
      const { raw } = await stack.client.workflow.getHandle(workflowId).describe();
      return !raw.pendingWorkflowTask;
    });
  }

  /** No command reached the carrier twice: a command id the carrier had seen would show as `duplicate`. */
  function expectNothingIssuedTwice(record: CallRecord): void {
    const commands = commandEntries(record.timeline);
    expect(commands.filter((command) => command.result === 'duplicate')).toEqual([]);
    const ids = commands.map((command) => command.commandId);
    expect(new Set(ids).size).toBe(ids.length);
  }

  function deliveredAt(record: CallRecord, type: string, callControlId: string): number {
    const webhook = record.timeline.find((entry) => entry.kind === 'webhook' && entry.type === type && entry.callControlId === callControlId);
    const delivery = webhook?.kind === 'webhook' ? webhook.deliveries.find((attempt) => attempt.status === 200) : undefined;
    if (delivery === undefined) throw new Error(`${type} of ${callControlId} was never delivered`);
    return delivery.finishedAt;
  }

  it('while a menu waits for a key: the new worker carries on when the caller presses it', async () => {
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For service press 1.'), options: [{ digit: '1', label: 'Service' }], timeoutSecs: 60, maxAttempts: 1 } },
          { id: 'service', kind: 'play', config: { prompt: tts('Connecting you to service.') } },
          { id: 'bye', kind: 'hang-up', config: { goodbye: tts('Goodbye.') } },
        ],
        ['start.next -> menu', 'menu.1 -> service', 'service.next -> bye'],
      ),
    );
    const clean = await stack.call({ from: CALLER, to: number, script: [{ press: '1' }] });

    const call = stack.placeCall({ from: CALLER, to: number });
    await waitFor('the menu to play', () => acceptedCommands(stack.timeline(call.callSessionId)).some((command) => command.action === 'gather_using_speak'));
    await idle(call.workflowId);
    const killedAt = Date.now();
    await worker.kill();
    worker = await stack.spawnWorker('worker-2');
    stack.sandbox.pressDigits(call.callControlId, '1');
    const crashed = await stack.outcome(call.callSessionId);

    expect(crashed.call.outcome).toEqual(clean.call.outcome);
    expect(crashed.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    const actions = acceptedCommands(crashed.timeline).map((command) => command.action);
    expect(actions).toEqual(acceptedCommands(clean.timeline).map((command) => command.action));
    expect(actions).toEqual(['answer', 'gather_using_speak', 'speak', 'speak', 'hangup']);
    expectNothingIssuedTwice(crashed);
    expect(crashed.events.filter((event) => event.type === 'node.entered').map((event) => event.node)).toEqual(['start', 'menu', 'service', 'bye']);
    expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');

    const resumed = acceptedCommands(crashed.timeline).find((command) => command.action === 'speak');
    if (resumed === undefined) throw new Error('nothing was said after the key press');
    expectQuickTakeover('menu', { killedAt, replacementReadyAt: worker.readyAt, eventDeliveredAt: deliveredAt(crashed, 'call.gather.ended', call.callControlId), nextCommandAt: resumed.at });
  });

  it('while ringing agents: the agent declining during the outage is seen, the next agent is rung and bridged', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('ann', '201'), agent('bob', '202')],
      ringGroups: [{ id: 'dispatch', name: 'Dispatch', members: [{ agentId: 'ann', priority: 1 }, { agentId: 'bob', priority: 2 }], strategy: 'sequential', ringTimeoutSecs: 300 }],
    });
    stack.sandbox.setEndpoint('sip:ann@sandbox.callflow.test', { answer: 'never' });
    stack.sandbox.setEndpoint('sip:bob@sandbox.callflow.test', { answer: 'after', afterSecs: 1, talkSecs: 4 });
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'ring', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'dispatch' } } },
          { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody is available.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> ring', 'ring.answered -> bye', 'ring.noAnswer -> sorry', 'sorry.next -> bye'],
      ),
    );

    const call = stack.placeCall({ from: CALLER, to: number });
    const ann = await waitFor('ann to ring', () => stack.dialledLegs(call.workflowId).find((leg) => leg.to.startsWith('sip:ann@') && leg.state === 'ringing'));
    await idle(call.workflowId);
    const killedAt = Date.now();
    await worker.kill();
    // Ann declines while no worker runs at all: Temporal keeps the signal until the replacement is up.
    stack.sandbox.hangUp(ann.callControlId);
    worker = await stack.spawnWorker('worker-3');
    const crashed = await stack.outcome(call.callSessionId);

    expect(crashed.call.outcome).toMatchObject({ result: 'answered', node: 'bye' });
    const accepted = acceptedCommands(crashed.timeline);
    expect(accepted.map((command) => command.action)).toEqual(['answer', 'dial', 'dial', 'bridge', 'hangup']);
    expect(accepted.filter((command) => command.action === 'dial').map((command) => (command.body as { to: string }).to)).toEqual([
      'sip:ann@sandbox.callflow.test',
      'sip:bob@sandbox.callflow.test',
    ]);
    expectNothingIssuedTwice(crashed);
    expect(crashed.events.filter((event) => event.type === 'agent.missed' || event.type === 'agent.answered')).toEqual([
      expect.objectContaining({ type: 'agent.missed', target: 'ann (201)' }),
      expect.objectContaining({ type: 'agent.answered', target: 'bob (202)' }),
    ]);
    expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');

    const bobDial = accepted.find((command) => command.action === 'dial' && (command.body as { to: string }).to.startsWith('sip:bob@'));
    if (bobDial === undefined) throw new Error('bob was never dialled');
    expectQuickTakeover('ringing', { killedAt, replacementReadyAt: worker.readyAt, eventDeliveredAt: deliveredAt(crashed, 'call.hangup', ann.callControlId), nextCommandAt: bobDial.at });
  });

  it("before the carrier answered a prompt it carried out: the key press and the prompt's end, redelivered together, are read in turn", async () => {
    const { number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For billing press 1.'), options: [{ digit: '1', label: 'Billing' }], timeoutSecs: 60, maxAttempts: 1 } },
          { id: 'billing', kind: 'play', config: { prompt: tts('Billing is closed today.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> menu', 'menu.1 -> billing', 'billing.next -> bye'],
      ),
    );
    const gate = await CarrierApiGate.start(stack.telnyxApiBaseUrl);
    try {
      await worker.stop();
      worker = await stack.spawnWorker('worker-4', gate.url);
      const call = stack.placeCall({ from: CALLER, to: number });
      await waitFor('the menu to play', () => acceptedCommands(stack.timeline(call.callSessionId)).some((command) => command.action === 'gather_using_speak'));
      await idle(call.workflowId);

      // The worker's task for the key press sends the prompt and waits for the carrier's answer, which never comes.
      gate.hold('speak');
      stack.sandbox.pressDigits(call.callControlId, '1');
      await waitFor('the carrier to finish the prompt and deliver its end', () => {
        const timeline = stack.timeline(call.callSessionId);
        const spoken = commandEntries(timeline).find((command) => command.action === 'speak');
        return (
          spoken !== undefined &&
          timeline.some((entry) => entry.kind === 'webhook' && entry.type === 'call.speak.ended' && entry.seq > spoken.seq && entry.deliveries.some((delivery) => delivery.status === 200))
        );
      });
      expect(gate.heldRequests).toBe(1);
      await worker.kill();
      // The replacement gets the key press and the prompt's end in one task: it says the prompt again (the carrier
      // knows the command id) and must still see the prompt end.
      worker = await stack.spawnWorker('worker-5');
      const crashed = await stack.outcome(call.callSessionId);

      expect(crashed.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expect(acceptedCommands(crashed.timeline).map((command) => command.action)).toEqual(['answer', 'gather_using_speak', 'speak', 'hangup']);
      expect(commandEntries(crashed.timeline).filter((command) => command.action === 'speak').map((command) => command.result)).toEqual(['ok', 'duplicate']);
      expect(crashed.events.filter((event) => event.type === 'node.entered').map((event) => event.node)).toEqual(['start', 'menu', 'billing', 'bye']);
      expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');
    } finally {
      await gate.close();
    }
  });
});

/**
 * The takeover, measured and printed for the record: how long the replacement process took to poll, and from the
 * first event after the crash (or from the replacement polling, if the event came first) to the next carrier
 * command. That last wait is bounded by the sticky queue timeout (3 s; Temporal's default of 10 s would fail here).
 */
function expectQuickTakeover(scenario: string, times: { killedAt: number; replacementReadyAt: number | null; eventDeliveredAt: number; nextCommandAt: number }): void {
  const ready = times.replacementReadyAt ?? Number.NaN;
  const takeover = times.nextCommandAt - Math.max(ready, times.eventDeliveredAt);
  process.stdout.write(
    `[takeover] ${scenario}: replacement worker polling ${ready - times.killedAt} ms after SIGKILL; ` +
      `next carrier command ${takeover} ms after the worker was up and the event in; ` +
      `${times.nextCommandAt - times.killedAt} ms from SIGKILL to the call moving on\n`,
  );
  expect(takeover).toBeLessThan(8000);
}
