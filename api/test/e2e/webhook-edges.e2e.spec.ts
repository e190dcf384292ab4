import { randomUUID } from 'node:crypto';
import type { WebhookEntryView } from '../../src/sandbox';
import { seedNumberWithFlow, seedTenant } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { flowDocument, tts, waitFor } from './call-stack';
import { ResilienceStack, acceptedCommands, commandEntries } from './resilience-stack';

jest.setTimeout(90_000);

const CALLER = '+12125550147';

describe('webhook edge cases on the real call path', () => {
  let stack: ResilienceStack;
  let tenantId: string;
  let number: string;

  beforeAll(async () => {
    stack = await ResilienceStack.start({ temporalProxy: true, tap: true });
    tenantId = await seedTenant(stack.asTestApp(), 'Late Night Plumbing');
    ({ number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For service press 1.'), options: [{ digit: '1', label: 'Service' }], timeoutSecs: 60, maxAttempts: 3 } },
          { id: 'service', kind: 'play', config: { prompt: tts('A plumber is on the way.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> menu', 'menu.1 -> service', 'service.next -> bye'],
      ),
    ));
  }, 120_000);

  afterEach(() => {
    stack.temporalLink?.restore();
  });

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const CLEAN_COMMANDS = ['answer', 'gather_using_speak', 'speak', 'hangup'];

  async function executions(workflowId: string): Promise<Array<{ runId: string; status: string }>> {
    const runs: Array<{ runId: string; status: string }> = [];
    for await (const run of stack.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) runs.push({ runId: run.runId, status: run.status.name });
    return runs;
  }

  async function eventRow(eventId: string): Promise<{ status: string; attempts: number } | undefined> {
    const rows: Array<{ status: string; attempts: number }> = await stack.dataSource.query('SELECT status, attempts FROM webhook_events WHERE event_id = $1', [eventId]);
    return rows[0];
  }

  function webhook(timeline: ReturnType<ResilienceStack['timeline']>, type: string): WebhookEntryView {
    const found = timeline.find((entry): entry is WebhookEntryView => entry.kind === 'webhook' && entry.type === type);
    if (found === undefined) throw new Error(`no ${type} in the timeline`);
    return found;
  }

  describe('a late event after the call ended', () => {
    /** A second API replica on the same database and Temporal namespace, verifying webhooks with a key of the test's own. */
    let replica: TestApp;

    beforeAll(async () => {
      replica = await startTestApp({ temporalNamespace: stack.config.temporalNamespace });
    });

    afterAll(async () => {
      await replica?.close();
    });

    it('is acknowledged as "call over" and starts no workflow, whatever its type; a verbatim redelivery is a duplicate', async () => {
      const ended = await stack.call({ from: CALLER, to: number, script: [{ press: '1' }] });
      expect(ended.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expect(await stack.workflowClosed(ended.workflowId)).toBe('COMPLETED');
      const [run] = await executions(ended.workflowId);
      const commandsBefore = commandEntries(stack.timeline(ended.call.callSessionId)).length;

      for (const type of ['call.initiated', 'call.dtmf.received', 'call.hangup']) {
        const [captured] = stack.tap?.find(type, ended.call.callSessionId) ?? [];
        if (captured === undefined) throw new Error(`the tap saw no ${type} for the call`);

        const verbatim = await stack.tap?.post(captured.body, captured.headers);
        expect({ type, ...verbatim }).toEqual({ type, status: 200, json: { status: 'duplicate' } });

        const late = JSON.parse(captured.body) as { data: { id: string }; meta: { attempt: number } };
        late.data.id = randomUUID();
        const response = await replica.postWebhook(late);
        expect({ type, status: response.status, body: response.body }).toEqual({ type, status: 200, body: { status: 'call-over' } });
        expect(await eventRow(late.data.id)).toEqual({ status: 'processed', attempts: 1 });
      }

      expect(await executions(ended.workflowId)).toEqual([{ runId: run?.runId, status: 'COMPLETED' }]);
      expect(commandEntries(stack.timeline(ended.call.callSessionId))).toHaveLength(commandsBefore);
      const calls: Array<{ count: string }> = await stack.dataSource.query('SELECT count(*) FROM calls WHERE call_session_id = $1', [ended.call.callSessionId]);
      expect(calls).toEqual([{ count: '1' }]);
    });
  });

  describe('Temporal unreachable from the API', () => {
    /** The deliveries of one webhook: the API answered 503 at least once, then 200 to the sandbox's redelivery. */
    function expectRefusedThenProcessed(entry: WebhookEntryView): void {
      const statuses = entry.deliveries.map((delivery) => delivery.status);
      expect(statuses.length).toBeGreaterThanOrEqual(2);
      expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
      expect(statuses.at(-1)).toBe(200);
    }

    async function expectProcessedOnce(entry: WebhookEntryView): Promise<void> {
      expect(await eventRow(entry.eventId)).toEqual({ status: 'processed', attempts: entry.deliveries.length });
      const tapped = stack.tap?.deliveries.find((delivery) => delivery.eventId === entry.eventId);
      expect(tapped?.statuses).toEqual(entry.deliveries.map((delivery) => delivery.status));
    }

    async function waitForRefusal(callSessionId: string, type: string): Promise<void> {
      await waitFor(`${type} to be refused with 503`, () =>
        stack.timeline(callSessionId).some((entry) => entry.kind === 'webhook' && entry.type === type && entry.deliveries.some((delivery) => delivery.status === 503)),
      );
    }

    it('when a call arrives: 503, and the redelivery starts the call once', async () => {
      stack.temporalLink?.cut();
      const call = stack.placeCall({ from: CALLER, to: number, script: [{ press: '1' }] });
      await waitForRefusal(call.callSessionId, 'call.initiated');
      expect(await executions(call.workflowId)).toEqual([]);
      stack.temporalLink?.restore();

      const record = await stack.outcome(call.callSessionId);
      const initiated = webhook(record.timeline, 'call.initiated');
      expectRefusedThenProcessed(initiated);
      await expectProcessedOnce(initiated);
      expect(acceptedCommands(record.timeline).map((command) => command.action)).toEqual(CLEAN_COMMANDS);
      expect(commandEntries(record.timeline).filter((command) => command.result !== 'ok')).toEqual([]);
      expect(record.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');
      expect(await executions(call.workflowId)).toHaveLength(1);
    });

    it('mid-call, when the caller presses a key: 503, and the redelivery moves the call on once', async () => {
      const call = stack.placeCall({ from: CALLER, to: number });
      await waitFor('the menu to play', () => acceptedCommands(stack.timeline(call.callSessionId)).some((command) => command.action === 'gather_using_speak'));
      stack.temporalLink?.cut();
      stack.sandbox.pressDigits(call.callControlId, '1');
      await waitForRefusal(call.callSessionId, 'call.gather.ended');
      stack.temporalLink?.restore();

      const record = await stack.outcome(call.callSessionId);
      const gatherEnded = webhook(record.timeline, 'call.gather.ended');
      expectRefusedThenProcessed(gatherEnded);
      await expectProcessedOnce(gatherEnded);
      expect(acceptedCommands(record.timeline).map((command) => command.action)).toEqual(CLEAN_COMMANDS);
      expect(commandEntries(record.timeline).filter((command) => command.result !== 'ok')).toEqual([]);
      expect(record.events).toContainEqual(expect.objectContaining({ type: 'digits.received', digits: '1', accepted: true }));
      expect(record.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expect(await stack.workflowClosed(call.workflowId)).toBe('COMPLETED');
    });
  });
});
