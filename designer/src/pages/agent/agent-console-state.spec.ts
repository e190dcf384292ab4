import type { AgentRing, CallUpdated } from '@callflow/schemas';
import { agentConsoleReducer, emptyConsoleState, type AgentConsoleAction, type AgentConsoleState } from './agent-console-state';

const CALL = '00000000-0000-4000-8000-000000000001';
const OTHER_CALL = '00000000-0000-4000-8000-000000000002';

function offer(callId: string, leg: string, offeredAt = '2026-11-21T10:00:00.000Z'): AgentRing {
  return {
    offerId: `${callId}/${leg}`,
    callId,
    agentId: 'ann',
    caller: '+14155550123',
    flow: { id: '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Front desk' },
    queue: null,
    waitingSince: '2026-11-21T09:59:50.000Z',
    offeredAt,
    expiresAt: '2026-11-21T10:00:20.000Z',
  };
}

function ended(callId: string): CallUpdated {
  return {
    callId,
    status: 'ended',
    caller: '+14155550123',
    called: '+18005550100',
    flow: { id: '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Front desk', versionId: '8b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', version: 1 },
    currentNode: null,
    startedAt: '2026-11-21T09:59:40.000Z',
    endedAt: '2026-11-21T10:03:00.000Z',
    outcome: { result: 'answered', node: 'ring', reason: '' },
  };
}

const apply = (state: AgentConsoleState, ...actions: AgentConsoleAction[]) => actions.reduce(agentConsoleReducer, state);
const cancelled = (ring: AgentRing, reason: 'accepted' | 'declined' | 'timeout' | 'answered-elsewhere' | 'caller-hung-up'): AgentConsoleAction => ({
  type: 'ring.cancelled',
  cancelled: { offerId: ring.offerId, callId: ring.callId, agentId: ring.agentId, reason },
  at: '2026-11-21T10:00:08.000Z',
});

describe('agent console state', () => {
  it('rings each offer once, oldest first, and never again once it stopped', () => {
    const first = offer(CALL, 'leg-1', '2026-11-21T10:00:05.000Z');
    const second = offer(OTHER_CALL, 'leg-1', '2026-11-21T10:00:01.000Z');
    const state = apply(emptyConsoleState(), { type: 'ring', offer: first }, { type: 'ring', offer: second }, { type: 'ring', offer: first });
    expect(state.ringing.map((ring) => ring.offerId)).toEqual([second.offerId, first.offerId]);

    const after = apply(state, cancelled(first, 'timeout'), { type: 'ring', offer: first });
    expect(after.ringing.map((ring) => ring.offerId)).toEqual([second.offerId]);
  });

  it('makes an accepted offer the current call until the call ends, then keeps its summary until dismissed', () => {
    const ring = offer(CALL, 'leg-1');
    const talking = apply(emptyConsoleState(), { type: 'ring', offer: ring }, cancelled(ring, 'accepted'));
    expect(talking.ringing).toEqual([]);
    expect(talking.current).toEqual({ offer: ring, answeredAt: '2026-11-21T10:00:08.000Z', endedAt: null, outcome: null });
    // A call still talking is not dismissed, and another call's end changes nothing.
    expect(apply(talking, { type: 'dismiss-call' }, { type: 'call.updated', call: ended(OTHER_CALL) }).current).toBe(talking.current);

    const over = apply(talking, { type: 'call.updated', call: ended(CALL) });
    expect(over.current).toMatchObject({ endedAt: '2026-11-21T10:03:00.000Z', outcome: 'answered' });
    expect(apply(over, { type: 'dismiss-call' }).current).toBeNull();
  });

  it('ends the current call for the agent once they transferred it', () => {
    const ring = offer(CALL, 'leg-1');
    const transferred = apply(emptyConsoleState(), { type: 'ring', offer: ring }, cancelled(ring, 'accepted'), { type: 'transferred', extension: '120', at: '2026-11-21T10:01:00.000Z' });
    expect(transferred.current).toMatchObject({ endedAt: '2026-11-21T10:01:00.000Z', outcome: 'transferred to extension 120' });
    // The call's own end later changes nothing for this agent.
    expect(apply(transferred, { type: 'call.updated', call: ended(CALL) }).current).toBe(transferred.current);
  });

  it('lists offers that stopped ringing unanswered as missed, newest first, but not declined ones', () => {
    const [a, b, c] = [offer(CALL, 'leg-1'), offer(CALL, 'leg-2'), offer(OTHER_CALL, 'leg-1')];
    const state = apply(
      emptyConsoleState(),
      { type: 'ring', offer: a },
      { type: 'ring', offer: b },
      { type: 'ring', offer: c },
      cancelled(a, 'timeout'),
      cancelled(b, 'declined'),
      cancelled(c, 'answered-elsewhere'),
    );
    expect(state.missed.map((missed) => [missed.offer.offerId, missed.reason])).toEqual([
      [c.offerId, 'answered-elsewhere'],
      [a.offerId, 'timeout'],
    ]);
    expect(state.current).toBeNull();
  });

  it('ignores the end of an offer it never saw ringing (the console opened afterwards)', () => {
    const state = apply(emptyConsoleState(), cancelled(offer(CALL, 'leg-1'), 'accepted'));
    expect(state.current).toBeNull();
    expect(state.missed).toEqual([]);
  });
});
