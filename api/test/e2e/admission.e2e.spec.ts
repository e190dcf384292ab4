import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { dropDatabase } from '@callflow/deploy';
import { MAX_CALL_DURATION_MS, callWorkflowId } from '@callflow/workflows';
import { DataSource } from 'typeorm';
import { CallsRepository, type AdmissionLimits } from '../../src/calls/calls.repository';
import { WebhookMetrics } from '../../src/webhooks/webhook-metrics';
import { freshDatabase } from '../support/fresh-database';
import { openSeededCall, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, commandsIn, flowDocument, tts, waitFor } from './call-stack';

const CALLER = '+12125550147';

/** Sets the MAX_CALLS_PER_SECOND bucket as if last refilled `secondsAgo` seconds ago with `tokens` left. */
async function setCallStartBucket(stack: CallStack, tokens: number, secondsAgo: number): Promise<void> {
  await stack.asTestApp().get(DataSource).query("UPDATE call_start_rate SET tokens = $1, refilled_at = clock_timestamp() - make_interval(secs => $2)", [tokens, secondsAgo]);
}

/** Places a call and waits for it to end: answered or not, with its hangup. */
async function placeCallUntilEnded(stack: CallStack, to: string) {
  const placed = stack.sandbox.placeCall({ from: CALLER, to, script: [{ press: '1' }] });
  const leg = await waitFor(`call ${placed.callSessionId} ended`, () => {
    const found = stack.sandbox.findCall(placed.callControlId);
    return found?.endedAt !== null && found;
  });
  return { ...placed, leg };
}

describe('MAX_ACTIVE_CALLS and MAX_CALLS_PER_SECOND: a call over either ceiling is rejected busy', () => {
  let stack: CallStack;
  let tenantId: string;
  let number: string;
  let databaseUrl: string;

  beforeAll(async () => {
    // The ceiling counts the calls in progress of every company: a database of its own, without other suites' calls.
    databaseUrl = await freshDatabase('callflow_admission');
    // One call at a time, and one call start per 100 s (the bucket holds one).
    stack = await CallStack.start({ maxActiveCalls: 1, maxCallsPerSecond: 0.01, databaseUrl });
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

  it('while the ceiling is reached: no answer, no workflow, no call row; once a call ends, the next is answered, and the one after it is over the rate', async () => {
    const metrics = stack.asTestApp().get(WebhookMetrics);
    const calls = stack.asTestApp().get(CallsRepository);
    const limits: AdmissionLimits = { maxActiveCalls: 1, maxCallsPerSecond: 0.01, maxCallDurationMs: MAX_CALL_DURATION_MS };
    await setCallStartBucket(stack, 0, 1000);
    const before = await metrics.snapshot();
    // The one place under the ceiling: a call in progress, as a webhook opened it (a real caller would leave the
    // menu after its timeout, which the sandbox's time factor makes a few seconds).
    const inProgress = await openSeededCall(stack.asTestApp(), tenantId);
    // A call whose end was never recorded, started longer ago than a call may last, holds no place.
    await openSeededCall(stack.asTestApp(), tenantId, { startedAt: new Date(Date.now() - MAX_CALL_DURATION_MS - 60_000) });

    const turnedAway = await placeCallUntilEnded(stack, number);
    expect(turnedAway.leg.answeredAt).toBeNull();
    expect(turnedAway.leg.hangup).toMatchObject({ cause: 'user_busy' });
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
    expect(after.overCallRate).toBe(before.overCallRate);

    // A redelivered call.initiated of the call in progress is not turned away by its own place.
    expect(await calls.admitCall(inProgress.callSessionId, limits)).toBe('admitted');
    expect(await calls.admitCall(turnedAway.callSessionId, limits)).toBe('over-active-calls');

    await calls.endCall(inProgress.id, { result: 'completed', node: null, reason: 'ended by the test' }, new Date());
    const answered = await stack.call({ from: '+12125550149', to: number, script: [{ press: '1' }] });
    expect(answered.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    expect(commandsIn(answered.timeline.timeline)[0]?.action).toBe('answer');
    expect((await metrics.snapshot()).overCapacity).toBe(before.overCapacity + 1);

    // No call in progress, but the answered call took the one call start of the next 100 s.
    const tooSoon = await placeCallUntilEnded(stack, number);
    expect(tooSoon.leg.answeredAt).toBeNull();
    expect(tooSoon.leg.hangup).toMatchObject({ cause: 'user_busy' });
    expect(await calls.findCallBySession(tooSoon.callSessionId)).toBeNull();
    const afterRate = await metrics.snapshot();
    expect(afterRate.overCallRate).toBe(before.overCallRate + 1);
    expect(afterRate.overCapacity).toBe(before.overCapacity + 1);
  }, 90_000);

  it('refills the call start bucket at MAX_CALLS_PER_SECOND, holding one second\'s worth, and never hands out more under concurrent admissions', async () => {
    const calls = stack.asTestApp().get(CallsRepository);
    const admit = (maxCallsPerSecond: number) => calls.admitCall(randomUUID(), { maxActiveCalls: null, maxCallsPerSecond, maxCallDurationMs: MAX_CALL_DURATION_MS });

    // Half a call a second: 2.5 s since the last refill of an empty bucket make one token (it holds at least one).
    await setCallStartBucket(stack, 0, 2.5);
    expect(await admit(0.5)).toBe('admitted');
    expect(await admit(0.5)).toBe('over-call-rate');
    await setCallStartBucket(stack, 0, 1.5);
    expect(await admit(0.5)).toBe('over-call-rate');
    await setCallStartBucket(stack, 0.5, 1.5);
    expect(await admit(0.5)).toBe('admitted');

    // A bucket refilled long ago holds one second's worth, not what the hours would have added; 20 admissions at once
    // take those 5 tokens and what refills while they run, no more.
    await setCallStartBucket(stack, 0, 3600);
    const startedAt = Date.now();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => admit(5)));
    const elapsedSecs = (Date.now() - startedAt) / 1000;
    const admitted = verdicts.filter((verdict) => verdict === 'admitted').length;
    expect(admitted).toBeGreaterThanOrEqual(5);
    expect(admitted).toBeLessThanOrEqual(5 + Math.floor(elapsedSecs * 5));
    expect(verdicts.filter((verdict) => verdict !== 'admitted').every((verdict) => verdict === 'over-call-rate')).toBe(true);
  });
});
