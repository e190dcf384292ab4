import type { TraceEvent } from '@callflow/engine';
import { callLogState, offerIdOf, parseOfferId } from './call-log-state';

const CALL = '0f8e4f5e-4c1b-4a3e-9b7a-3d2c1b0a9f8e';
/** A trace event without the fields every one has (distributed over the union). */
type Detail<E = TraceEvent> = E extends TraceEvent ? Omit<E, 'at' | 'flowId'> : never;
const at = (seconds: number, detail: Detail): TraceEvent => ({ at: seconds * 1000, flowId: 'main', ...detail }) as TraceEvent;

const rung = (seconds: number, node: string, legs: Array<[string, string | null]>, timeoutSecs = 20): TraceEvent =>
  at(seconds, {
    type: 'agents.rung',
    node,
    targets: legs.map(([, agentId]) => agentId ?? 'outside'),
    legs: legs.map(([legId, agentId]) => ({ legId, agentId })),
    timeoutSecs,
  });

describe('callLogState', () => {
  it('opens one offer per agent leg rung (not for outside numbers), ringing until the timeout', () => {
    const state = callLogState(CALL, [rung(5, 'ring', [['leg-1', 'ann'], ['leg-2', 'bob'], ['leg-3', null]], 30)]);
    expect(state.offers).toEqual([
      { offerId: `${CALL}/leg-1`, legId: 'leg-1', agentId: 'ann', flowId: 'main', node: 'ring', offeredAt: 5000, expiresAt: 35_000, queue: null, closed: null },
      { offerId: `${CALL}/leg-2`, legId: 'leg-2', agentId: 'bob', flowId: 'main', node: 'ring', offeredAt: 5000, expiresAt: 35_000, queue: null, closed: null },
    ]);
    expect(state.waitingIn).toBeNull();
  });

  it('closes the answering agent’s offer as accepted and every other as answered elsewhere', () => {
    const state = callLogState(CALL, [
      rung(5, 'ring', [['leg-1', 'ann'], ['leg-2', 'bob']]),
      at(7, { type: 'agent.answered', node: 'ring', target: 'bob (202)', agentId: 'bob' }),
    ]);
    expect(state.offers.map((offer) => [offer.agentId, offer.closed])).toEqual([
      ['ann', 'answered-elsewhere'],
      ['bob', 'accepted'],
    ]);
  });

  it('tells a declined or busy phone from a ring timeout and from a failed leg', () => {
    const state = callLogState(CALL, [
      rung(1, 'ring', [['leg-1', 'ann'], ['leg-2', 'bob'], ['leg-3', 'cy'], ['leg-4', 'di'], ['leg-5', 'eve']]),
      at(2, { type: 'agent.missed', node: 'ring', target: 'ann', cause: 'call_rejected', agentId: 'ann' }),
      at(2, { type: 'agent.missed', node: 'ring', target: 'bob', cause: 'user_busy', agentId: 'bob' }),
      at(21, { type: 'agent.missed', node: 'ring', target: 'cy', cause: 'ring timeout', agentId: 'cy' }),
      at(21, { type: 'agent.missed', node: 'ring', target: 'di', cause: 'no_answer', agentId: 'di' }),
      at(21, { type: 'agent.missed', node: 'ring', target: 'eve', cause: 'destination_out_of_order', agentId: 'eve' }),
    ]);
    expect(state.offers.map((offer) => offer.closed)).toEqual(['declined', 'declined', 'timeout', 'timeout', 'missed']);
  });

  it('withdraws offers still ringing when the flow leaves the node, and reports a caller who hung up', () => {
    const left = callLogState(CALL, [rung(1, 'ring', [['leg-1', 'ann']]), at(3, { type: 'node.exited', node: 'ring', port: 'noAnswer', target: 'sorry' })]);
    expect(left.offers[0]?.closed).toBe('withdrawn');
    const hungUp = callLogState(CALL, [
      rung(1, 'ring', [['leg-1', 'ann']]),
      at(3, { type: 'call.ended', node: 'ring', outcome: { result: 'abandoned', node: 'ring', reason: 'caller hung up' } }),
    ]);
    expect(hungUp.offers[0]?.closed).toBe('caller-hung-up');
  });

  it('keeps the first reason an offer stopped ringing for', () => {
    const state = callLogState(CALL, [
      rung(1, 'ring', [['leg-1', 'ann']]),
      at(2, { type: 'agent.missed', node: 'ring', target: 'ann', cause: 'call_rejected', agentId: 'ann' }),
      at(3, { type: 'node.exited', node: 'ring', port: 'noAnswer', target: null }),
    ]);
    expect(state.offers[0]?.closed).toBe('declined');
  });

  it('follows the queue the caller waits in, and gives its offers the queue and the time the caller joined', () => {
    const joined = at(4, { type: 'queue.joined', node: 'wait', queueId: 'support', position: 1, expectedWaitSecs: null });
    const waiting = callLogState(CALL, [joined, rung(9, 'wait', [['leg-7', 'ann']])]);
    expect(waiting.waitingIn).toEqual({ queueId: 'support', joinedAt: 4000 });
    expect(waiting.offers[0]?.queue).toEqual({ id: 'support', joinedAt: 4000 });

    const answered = callLogState(CALL, [joined, rung(9, 'wait', [['leg-7', 'ann']]), at(10, { type: 'agent.answered', node: 'wait', target: 'ann', agentId: 'ann' })]);
    expect(answered.waitingIn).toBeNull();
    const timedOut = callLogState(CALL, [joined, at(60, { type: 'node.exited', node: 'wait', port: 'timeout', target: 'sorry' })]);
    expect(timedOut.waitingIn).toBeNull();
    const otherNode = callLogState(CALL, [joined, at(5, { type: 'node.exited', node: 'elsewhere', port: 'next', target: null })]);
    expect(otherNode.waitingIn).toEqual({ queueId: 'support', joinedAt: 4000 });
  });

  it('round-trips offer ids and refuses anything else', () => {
    expect(parseOfferId(offerIdOf(CALL, 'leg-12'))).toEqual({ callId: CALL, legId: 'leg-12' });
    for (const bad of ['', 'leg-1', `${CALL}/`, `not-a-call/leg-1`, `${CALL}/leg 1`, `${CALL}/leg-1/x`]) expect(parseOfferId(bad)).toBeNull();
  });
});
