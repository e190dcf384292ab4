import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { dropDatabase, ensureDatabase, withDatabase } from '@callflow/deploy';
import { MAX_CALL_DURATION_MS, callWorkflowId } from '@callflow/workflows';
import { CallsRepository } from '../../src/calls/calls.repository';
import { migrate } from '../../src/database/migrate';
import { WebhookMetrics } from '../../src/webhooks/webhook-metrics';
import { seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, commandsIn, flowDocument, tts, waitFor } from './call-stack';

const CALLER = '+12125550147';

describe('MAX_ACTIVE_CALLS: a call over the ceiling is rejected busy', () => {
  let stack: CallStack;
  let number: string;
  let databaseUrl: string;

  beforeAll(async () => {
    // The ceiling counts the calls in progress of every company: a database of its own, without other suites' calls.
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('DATABASE_URL is not set: the jest globalSetup should have set it');
    databaseUrl = withDatabase(base, `callflow_admission_${randomBytes(4).toString('hex')}`);
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl);
    stack = await CallStack.start({ maxActiveCalls: 1, databaseUrl });
    const tenantId = await seedTenant(stack.asTestApp(), 'Overbooked Plumbing');
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

    // The first caller stays silent in the menu: the one call in progress.
    const first = stack.placeCall({ from: CALLER, to: number });
    await waitFor('the first call answered', () => stack.sandbox.findCall(first.ids.callControlId)?.answeredAt);

    const second = stack.sandbox.placeCall({ from: '+12125550148', to: number, script: [{ press: '1' }] });
    const rejected = await waitFor('the second call ended', () => {
      const leg = stack.sandbox.findCall(second.callControlId);
      return leg?.endedAt !== null && leg;
    });
    expect(rejected.answeredAt).toBeNull();
    expect(rejected.hangup).toMatchObject({ cause: 'user_busy' });
    const commands = commandsIn(stack.sandbox.callTimeline(second.callSessionId)?.timeline ?? []);
    expect(commands.map(({ action, body }) => ({ action, cause: body.cause }))).toEqual([{ action: 'reject', cause: 'USER_BUSY' }]);
    await expect(stack.client.workflow.getHandle(callWorkflowId(second.callSessionId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await calls.findCallBySession(second.callSessionId)).toBeNull();
    // The reject's client_state marks the hangup that follows as no workflow's: acknowledged without asking Temporal.
    await waitFor('the rejected call\'s hangup delivered', () =>
      stack.sandbox.callTimeline(second.callSessionId)?.timeline.some((entry) => entry.kind === 'webhook' && entry.type === 'call.hangup' && entry.deliveries.some((delivery) => delivery.status === 200)),
    );
    const after = await metrics.snapshot();
    expect(after.overCapacity).toBe(before.overCapacity + 1);
    expect(after.callOver).toBe(before.callOver);

    // A redelivered call.initiated of the call in progress is not turned away by its own place.
    expect(await calls.admitsCall(first.ids.callSessionId, 1, MAX_CALL_DURATION_MS)).toBe(true);
    expect(await calls.admitsCall(second.callSessionId, 1, MAX_CALL_DURATION_MS)).toBe(false);

    stack.sandbox.hangUp(first.ids.callControlId);
    expect((await first.done()).call.outcome).toMatchObject({ result: 'abandoned', node: 'menu' });

    const third = await stack.call({ from: '+12125550149', to: number, script: [{ press: '1' }] });
    expect(third.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    expect(commandsIn(third.timeline.timeline)[0]?.action).toBe('answer');
    expect((await metrics.snapshot()).overCapacity).toBe(before.overCapacity + 1);
  }, 90_000);
});
