import { WorkflowNotFoundError } from '@temporalio/client';
import { dropDatabase } from '@callflow/deploy';
import { MAX_CALL_DURATION_MS, callWorkflowId } from '@callflow/workflows';
import { CallsRepository } from '../../src/calls/calls.repository';
import { WebhookMetrics } from '../../src/webhooks/webhook-metrics';
import { freshDatabase } from '../support/fresh-database';
import { openSeededCall, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, commandsIn, flowDocument, tts, waitFor } from './call-stack';

const CALLER = '+12125550147';

describe('MAX_ACTIVE_CALLS: a call over the ceiling is rejected busy', () => {
  let stack: CallStack;
  let tenantId: string;
  let number: string;
  let databaseUrl: string;

  beforeAll(async () => {
    // The ceiling counts the calls in progress of every company: a database of its own, without other suites' calls.
    databaseUrl = await freshDatabase('callflow_admission');
    stack = await CallStack.start({ maxActiveCalls: 1, databaseUrl });
    tenantId = await seedTenant(stack.asTestApp(), 'Overbooked Plumbing');
    ({ number } = await seedNumberWithFlow(
      stack.asTestApp(),
      tenantId,
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('For service press 1.'), options: [{ digit: '1', label: 'Service' }], timeoutSecs: 60, maxAttempts: 1 } },
          { id: 'bye', kind: 'hang-up', config: { goodbye: tts('A plumber is on the way.') } },
        ],
        ['start.next -> menu', 'menu.1 -> bye'],
      ),
    ));
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    if (databaseUrl) await dropDatabase(databaseUrl);
  }, 60_000);

  it('while the ceiling is reached: no answer, no workflow, no call row; once a call ends, the next is answered', async () => {
    const metrics = stack.asTestApp().get(WebhookMetrics);
    const calls = stack.asTestApp().get(CallsRepository);
    const before = await metrics.snapshot();
    // The one place under the ceiling: a call in progress, as a webhook opened it (a real caller would leave the
    // menu after its timeout, which the sandbox's time factor makes a few seconds).
    const inProgress = await openSeededCall(stack.asTestApp(), tenantId);
    // A call whose end was never recorded, started longer ago than a call may last, holds no place.
    await openSeededCall(stack.asTestApp(), tenantId, { startedAt: new Date(Date.now() - MAX_CALL_DURATION_MS - 60_000) });

    const turnedAway = stack.sandbox.placeCall({ from: CALLER, to: number, script: [{ press: '1' }] });
    const leg = await waitFor('the call over the ceiling ended', () => {
      const found = stack.sandbox.findCall(turnedAway.callControlId);
      return found?.endedAt !== null && found;
    });
    expect(leg.answeredAt).toBeNull();
    expect(leg.hangup).toMatchObject({ cause: 'user_busy' });
    const commands = commandsIn(stack.sandbox.callTimeline(turnedAway.callSessionId)?.timeline ?? []);
    expect(commands.map(({ action, body }) => ({ action, cause: body.cause }))).toEqual([{ action: 'reject', cause: 'USER_BUSY' }]);
    await expect(stack.client.workflow.getHandle(callWorkflowId(turnedAway.callSessionId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await calls.findCallBySession(turnedAway.callSessionId)).toBeNull();
    // The reject's client_state marks the hangup that follows as no workflow's: acknowledged without asking Temporal.
    await waitFor('the rejected call\'s hangup delivered', () =>
      stack.sandbox.callTimeline(turnedAway.callSessionId)?.timeline.some((entry) => entry.kind === 'webhook' && entry.type === 'call.hangup' && entry.deliveries.some((delivery) => delivery.status === 200)),
    );
    const after = await metrics.snapshot();
    expect(after.overCapacity).toBe(before.overCapacity + 1);
    expect(after.callOver).toBe(before.callOver);

    // A redelivered call.initiated of the call in progress is not turned away by its own place.
    expect(await calls.admitsCall(inProgress.callSessionId, 1, MAX_CALL_DURATION_MS)).toBe(true);
    expect(await calls.admitsCall(turnedAway.callSessionId, 1, MAX_CALL_DURATION_MS)).toBe(false);

    await calls.endCall(inProgress.id, { result: 'completed', node: null, reason: 'ended by the test' }, new Date());
    const answered = await stack.call({ from: '+12125550149', to: number, script: [{ press: '1' }] });
    expect(answered.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    expect(commandsIn(answered.timeline.timeline)[0]?.action).toBe('answer');
    expect((await metrics.snapshot()).overCapacity).toBe(before.overCapacity + 1);
  }, 90_000);
});
