import type { Queue } from '@callflow/schemas';
import { queueStateQuery, queueWorkflowId } from '@callflow/workflows';
import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../support/seed';
import { CallStack, commandsIn, eventsOfType, expectCommands, flowDocument, spoken, tts, waitFor, type PlacedCall } from './call-stack';

/*
 * The queue node end to end: the call's workflow joins the queue's entity workflow, waits on hold music, and
 * leaves when an agent answers an offer, when the maximum wait passes, or when the caller asks for a callback
 * (which a callback workflow places once an agent is free).
 */

const CALLER = '+12125550147';
const sandboxAddress = (agentId: string) => `sip:${agentId}@sandbox.callflow.test`;

function queue(id: string, members: string[], overrides: Partial<Queue> = {}): Queue {
  return {
    id,
    name: id,
    strategy: 'longest-idle',
    requiredSkills: [],
    members,
    maxWaitSecs: 120,
    maxSize: 10,
    announcePosition: false,
    announceExpectedWait: false,
    announceIntervalSecs: 60,
    agentRingTimeoutSecs: 30,
    wrapUpSecs: 0,
    holdAudio: null,
    ...overrides,
  };
}

describe('node kinds end to end: queue', () => {
  let stack: CallStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await CallStack.start();
    tenantId = await seedTenant(stack.asTestApp(), 'Node kinds — queue');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const publish = async (document: unknown) => (await seedNumberWithFlow(stack.asTestApp(), tenantId, document)).number;

  /** Resolves once the caller hears the looping hold music. */
  const holdMusicStarted = (call: PlacedCall) =>
    waitFor('hold music', () =>
      commandsIn(stack.sandbox.callTimeline(call.ids.callSessionId)?.timeline ?? []).find((command) => command.action === 'playback_start'),
    );

  const queueState = (queueId: string) => stack.client.workflow.getHandle(queueWorkflowId(tenantId, queueId)).query(queueStateQuery);

  it('holds the caller with music and a position announcement until an agent becomes free, then bridges them', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('qa-kim', '401', { presence: 'away' })],
      queues: [queue('q-answer', ['qa-kim'], { announcePosition: true })],
    });
    stack.sandbox.setEndpoint(sandboxAddress('qa-kim'), { answer: 'after', afterSecs: 1, talkSecs: null });
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: 'q-answer', entryPrompt: tts('All of our dispatchers are busy.') } },
          { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody could take your call.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.timeout -> sorry', 'sorry.next -> bye'],
      ),
    );

    const call = stack.placeCall({ from: CALLER, to: number, hangUpAtEvent: { type: 'call.bridged', afterSecs: 2 } });
    const holdMusic = await holdMusicStarted(call);
    expect((await queueState('q-answer')).waiting).toEqual([expect.objectContaining({ callWorkflowId: call.workflowId, position: 1 })]);
    await seedDirectory(stack.asTestApp(), tenantId, { agents: [agent('qa-kim', '401', { presence: 'available' })] });
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'answered', node: 'wait' });
    const [, , , , , bridge] = expectCommands(result, ['answer', 'speak', 'speak', 'playback_start', 'playback_stop', 'bridge']);
    expect(spoken(result)).toEqual(['All of our dispatchers are busy.', 'You are caller number 1 in line.']);
    expect(holdMusic.body).toMatchObject({ loop: 'infinity', audio_url: expect.stringMatching(/\/sandbox\/hold-music\.mp3$/) });

    const [leg] = await stack.endedLegs(result.workflowId, 1);
    expect(leg?.to).toBe(sandboxAddress('qa-kim'));
    expect(commandsIn(leg?.timeline ?? []).map((command) => command.action)).toEqual(['dial']);
    expect(commandsIn(leg?.timeline ?? [])[0]?.body).toMatchObject({ timeout_secs: 30 });
    expect(bridge?.body.call_control_id).toBe(leg?.callControlId);

    expect(eventsOfType(result, 'queue.joined')).toEqual([expect.objectContaining({ node: 'wait', position: 1 })]);
    expect(eventsOfType(result, 'agents.rung')).toEqual([expect.objectContaining({ targets: ['qa-kim (401)'] })]);
    expect(eventsOfType(result, 'agent.answered')).toEqual([expect.objectContaining({ agentId: 'qa-kim' })]);
    // The queue let the caller go and holds no offer for them any more.
    await waitFor('the queue to let the caller go', async () => {
      const state = await queueState('q-answer');
      return state.waiting.length === 0 && state.offers.length === 0;
    });
  }, 60_000);

  it('leaves through the timeout port when nobody is free within the maximum wait', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('qt-lee', '402', { presence: 'offline' })],
      queues: [queue('q-timeout', ['qt-lee'])],
    });
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: 'q-timeout', maxWaitSecs: 10 } },
          { id: 'sorry', kind: 'play', config: { prompt: tts('Everyone is still busy, please call again later.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.timeout -> sorry', 'sorry.next -> bye'],
      ),
    );

    const started = Date.now();
    const result = await stack.call({ from: CALLER, to: number });

    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    expectCommands(result, ['answer', 'playback_start', 'playback_stop', 'speak', 'hangup']);
    expect(spoken(result)).toEqual(['Everyone is still busy, please call again later.']);
    expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'wait', port: 'timeout', target: 'sorry' }));
    expect(eventsOfType(result, 'queue.overflowed')).toEqual([expect.objectContaining({ node: 'wait', queueId: 'q-timeout', reason: 'max-wait' })]);
    expect(stack.dialledLegs(result.workflowId)).toEqual([]);
    await waitFor('the queue to forget the caller', async () => (await queueState('q-timeout')).waiting.length === 0);
  }, 60_000);

  it("holds callers on the node's hold audio (over the queue's), sends a caller arriving at a full queue out at once, and applies the queue's own maximum wait", async () => {
    const queueHoldAudio = { type: 'audio' as const, url: 'https://audio.rapidrooter.example/queue-hold.mp3' };
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('qf-ray', '404', { presence: 'offline' })],
      queues: [queue('q-full', ['qf-ray'], { maxSize: 1, maxWaitSecs: 10, holdAudio: queueHoldAudio })],
    });
    const holdAudio = 'https://audio.rapidrooter.example/plumbing-hold.mp3';
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: 'q-full', holdAudio: { type: 'audio', url: holdAudio } } },
          { id: 'overflow', kind: 'play', config: { prompt: tts('All lines are busy, please leave a message.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.timeout -> overflow', 'overflow.next -> bye'],
      ),
    );

    const firstStarted = Date.now();
    const first = stack.placeCall({ from: CALLER, to: number });
    const holdMusic = await holdMusicStarted(first);
    expect(holdMusic.body).toMatchObject({ loop: 'infinity', audio_url: holdAudio });
    expect((await queueState('q-full')).waiting).toEqual([expect.objectContaining({ callWorkflowId: first.workflowId })]);

    // The queue is full: the second caller is never put on hold and leaves through the timeout port.
    const second = await stack.call({ from: '+12125550161', to: number });
    expect(Date.now() - firstStarted).toBeLessThan(10_000);
    expectCommands(second, ['answer', 'speak', 'hangup']);
    expect(spoken(second)).toEqual(['All lines are busy, please leave a message.']);
    expect(eventsOfType(second, 'queue.joined')).toEqual([]);
    expect(eventsOfType(second, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'wait', port: 'timeout', target: 'overflow' }));
    expect(eventsOfType(second, 'queue.overflowed')).toEqual([expect.objectContaining({ queueId: 'q-full', reason: 'full' })]);
    expect((await queueState('q-full')).waiting).toEqual([expect.objectContaining({ callWorkflowId: first.workflowId })]);

    // The node sets no maximum wait: the queue's 10 s apply to the first caller.
    const firstResult = await first.done();
    expect(Date.now() - firstStarted).toBeGreaterThanOrEqual(10_000);
    expect(firstResult.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
    expectCommands(firstResult, ['answer', 'playback_start', 'playback_stop', 'speak', 'hangup']);
    expect(eventsOfType(firstResult, 'queue.joined')).toEqual([expect.objectContaining({ queueId: 'q-full', position: 1 })]);
    expect(eventsOfType(firstResult, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'wait', port: 'timeout', target: 'overflow' }));
    expect(eventsOfType(firstResult, 'queue.overflowed')).toEqual([expect.objectContaining({ queueId: 'q-full', reason: 'max-wait' })]);
    await waitFor('the queue to forget the caller', async () => (await queueState('q-full')).waiting.length === 0);
  }, 60_000);

  it("holds the caller on the queue's hold audio when the node names none; hanging up on hold abandons the queue", async () => {
    const queueHoldAudio = 'https://audio.rapidrooter.example/after-hours-hold.mp3';
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('qh-ida', '405', { presence: 'offline' })],
      queues: [queue('q-hold', ['qh-ida'], { holdAudio: { type: 'audio', url: queueHoldAudio } })],
    });
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: 'q-hold' } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.timeout -> bye'],
      ),
    );

    const call = stack.placeCall({ from: CALLER, to: number });
    const holdMusic = await holdMusicStarted(call);
    expect(holdMusic.body).toMatchObject({ loop: 'infinity', audio_url: queueHoldAudio });
    stack.sandbox.hangUp(call.ids.callControlId);
    const result = await call.done();

    expect(result.call.outcome).toMatchObject({ result: 'abandoned', node: 'wait' });
    expect(commandsIn(result.timeline.timeline).filter((command) => command.action === 'playback_start').map((command) => command.body.audio_url)).toEqual([
      queueHoldAudio,
    ]);
    await waitFor('the queue to forget the caller', async () => (await queueState('q-hold')).waiting.length === 0);
  }, 60_000);

  it('takes the callback port when the caller presses the key; a callback dials the agent, then the caller', async () => {
    await seedDirectory(stack.asTestApp(), tenantId, {
      agents: [agent('qc-mo', '403', { presence: 'away' })],
      queues: [queue('q-callback', ['qc-mo'])],
    });
    const callerNumber = '+12125550160';
    stack.sandbox.setEndpoint(sandboxAddress('qc-mo'), { answer: 'after', afterSecs: 1, talkSecs: null });
    // The customer picks up the callback and talks for a while (simulated seconds).
    stack.sandbox.setEndpoint(callerNumber, { answer: 'after', afterSecs: 1, talkSecs: 20 });
    const number = await publish(
      flowDocument(
        [
          { id: 'start', kind: 'entry' },
          { id: 'wait', kind: 'queue', config: { queueId: 'q-callback', callback: { digit: '1', prompt: tts('Press 1 to be called back.') } } },
          { id: 'booked', kind: 'play', config: { prompt: tts('We will call you back shortly.') } },
          { id: 'sorry', kind: 'play', config: { prompt: tts('Nobody could take your call.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> wait', 'wait.callback -> booked', 'wait.timeout -> sorry', 'booked.next -> bye', 'sorry.next -> bye'],
      ),
    );

    // The key press is made a few simulated seconds into the hold music.
    const result = await stack.call({ from: callerNumber, to: number, script: [{ press: '1' }] });

    expect(result.call.outcome).toMatchObject({ result: 'callback', node: 'bye' });
    expectCommands(result, ['answer', 'speak', 'playback_start', 'playback_stop', 'speak', 'hangup']);
    expect(spoken(result)).toEqual(['Press 1 to be called back.', 'We will call you back shortly.']);
    expect(eventsOfType(result, 'digits.received')).toEqual([expect.objectContaining({ node: 'wait', digits: '1', accepted: true })]);
    expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'wait', port: 'callback', target: 'booked' }));
    const { callbacks } = await waitFor('the queue to book the callback', async () => {
      const state = await queueState('q-callback');
      return state.callbacks.length > 0 && state;
    });
    expect(callbacks).toEqual([expect.objectContaining({ number: callerNumber, calledNumber: number })]);

    // An agent becomes free: the queue starts a callback workflow that rings the agent, then the customer.
    await seedDirectory(stack.asTestApp(), tenantId, { agents: [agent('qc-mo', '403', { presence: 'available' })] });
    const callbackOfQueue = (workflowId: string) => workflowId.startsWith(`callback-${queueWorkflowId(tenantId, 'q-callback')}-`);
    const [agentLeg, customerLeg] = await stack.endedLegs(callbackOfQueue, 2, 30_000);

    expect(agentLeg).toMatchObject({ legId: 'agent', to: sandboxAddress('qc-mo'), from: number });
    expect(customerLeg).toMatchObject({ legId: 'customer', to: callerNumber, from: number, workflowId: agentLeg?.workflowId });
    const agentCommands = commandsIn(agentLeg?.timeline ?? []);
    // The bridge parks the agent's leg when the customer hangs up; the callback then hangs the agent up.
    expect(agentCommands.map((command) => command.action)).toEqual(['dial', 'speak', 'bridge', 'hangup']);
    expect(agentCommands[1]?.body.payload).toBe('Callback requested from the queue. Calling + 1 2 1 2 5 5 5 0 1 6 0.');
    expect(agentCommands[2]?.body.call_control_id).toBe(customerLeg?.callControlId);
    expect(commandsIn(customerLeg?.timeline ?? []).map((command) => command.action)).toEqual(['dial']);
    // The agent was rung first, and the customer only once the agent had heard who to expect.
    expect(customerLeg?.createdAt).toBeGreaterThanOrEqual(agentLeg?.answeredAt ?? Infinity);
    expect(customerLeg?.answeredAt).not.toBeNull();
    await expect(stack.client.workflow.getHandle(agentLeg?.workflowId ?? '').result()).resolves.toBe('connected');
    expect((await queueState('q-callback')).callbacks).toEqual([]);
  }, 90_000);
});
