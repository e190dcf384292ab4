import type { AgentPresenceEvent, CallUpdated, QueueUpdated } from '@callflow/schemas';
import { callsPerNode, createMonitorStore, emptyMonitorState, longestWaitSecs, monitorReducer, queueWaitOf, runningCalls, type MonitorAction, type MonitorState } from './monitor-state';

const FLOW = '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER_FLOW = '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const callId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function call(n: number, node: string | null, overrides: Partial<CallUpdated> = {}): CallUpdated {
  return {
    callId: callId(n),
    status: 'running',
    caller: `+1415555010${n}`,
    called: '+18005550100',
    flow: { id: FLOW, name: 'Front desk', versionId: '8b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', version: 2 },
    currentNode: node === null ? null : { flowId: FLOW, id: node, kind: 'menu', label: node },
    startedAt: `2026-11-21T10:00:0${n}.000Z`,
    endedAt: null,
    outcome: null,
    ...overrides,
  };
}

function queue(id: string, at: string, waiting: Array<{ n: number; joinedAt: string }>): QueueUpdated {
  return {
    queueId: id,
    name: `Queue ${id}`,
    waiting: waiting.map(({ n, joinedAt }) => ({ callId: callId(n), caller: `+1415555010${n}`, joinedAt })),
    longestWaitSecs: waiting.length > 0 ? 0 : null,
    at,
  };
}

const apply = (state: MonitorState, ...actions: MonitorAction[]) => actions.reduce(monitorReducer, state);

describe('monitor state', () => {
  it('keeps running calls at their latest node and drops a call once it ends', () => {
    const state = apply(
      emptyMonitorState(),
      { type: 'call.updated', call: call(1, 'start') },
      { type: 'call.updated', call: call(2, 'menu') },
      { type: 'call.updated', call: call(1, 'menu') },
    );
    expect(runningCalls(state).map((each) => [each.callId, each.currentNode?.id])).toEqual([
      [callId(1), 'menu'],
      [callId(2), 'menu'],
    ]);

    const ended = monitorReducer(state, { type: 'call.updated', call: call(1, 'menu', { status: 'ended', endedAt: '2026-11-21T10:01:00.000Z', outcome: { result: 'completed', node: 'menu', reason: '' } }) });
    expect(runningCalls(ended).map((each) => each.callId)).toEqual([callId(2)]);
  });

  it('counts the callers at each node of one flow, leaving out calls elsewhere (another flow after a go-to)', () => {
    const state = apply(
      emptyMonitorState(),
      { type: 'call.updated', call: call(1, 'menu') },
      { type: 'call.updated', call: call(2, 'menu') },
      { type: 'call.updated', call: call(3, 'queue') },
      { type: 'call.updated', call: call(4, null) },
      { type: 'call.updated', call: call(5, 'menu', { currentNode: { flowId: OTHER_FLOW, id: 'menu', kind: 'menu', label: 'Other menu' } }) },
    );
    expect(Object.fromEntries(callsPerNode(state, FLOW))).toEqual({ menu: 2, queue: 1 });
    expect(Object.fromEntries(callsPerNode(state, OTHER_FLOW))).toEqual({ menu: 1 });
  });

  it('keeps the newest waiting list of each queue and tells which queue a call waits in', () => {
    const newer = queue('billing', '2026-11-21T10:00:20.000Z', [
      { n: 1, joinedAt: '2026-11-21T10:00:05.000Z' },
      { n: 2, joinedAt: '2026-11-21T10:00:15.000Z' },
    ]);
    const older = queue('billing', '2026-11-21T10:00:10.000Z', [{ n: 1, joinedAt: '2026-11-21T10:00:05.000Z' }]);
    const state = apply(emptyMonitorState(), { type: 'queue.updated', queue: newer }, { type: 'queue.updated', queue: older });

    expect(state.queues['billing']).toBe(newer);
    expect(queueWaitOf(state, callId(2))).toEqual({ queueId: 'billing', queueName: 'Queue billing', joinedAt: '2026-11-21T10:00:15.000Z' });
    expect(queueWaitOf(state, callId(3))).toBeNull();
    // The longest wait ticks with the clock, from the first caller's join.
    expect(longestWaitSecs(newer, Date.parse('2026-11-21T10:01:05.000Z'))).toBe(60);
    expect(longestWaitSecs(queue('empty', '2026-11-21T10:00:00.000Z', []), Date.now())).toBeNull();
  });

  it('keeps the latest presence of each agent', () => {
    const away: AgentPresenceEvent = { agentId: 'ann', presence: 'away', at: '2026-11-21T10:00:10.000Z' };
    const available: AgentPresenceEvent = { agentId: 'ann', presence: 'available', at: '2026-11-21T10:00:20.000Z' };
    const state = apply(emptyMonitorState(), { type: 'agent.presence', presence: available }, { type: 'agent.presence', presence: away });
    expect(state.presence['ann']?.presence).toBe('available');
  });

  it('takes a snapshot read after connecting as the truth, except for calls an event told about meanwhile', () => {
    const before = apply(
      emptyMonitorState(),
      { type: 'call.updated', call: call(1, 'start') },
      { type: 'call.updated', call: call(9, 'start') },
      // The connection came back: call 9 ended meanwhile (the snapshot will not list it).
      { type: 'connected' },
      { type: 'call.updated', call: call(2, 'queue') },
      { type: 'call.updated', call: call(3, 'menu', { status: 'ended' }) },
    );
    const state = monitorReducer(before, {
      type: 'snapshot',
      snapshot: {
        // Read before calls 2 and 3 moved on: their events are newer.
        calls: [call(1, 'menu'), call(2, 'start'), call(3, 'menu'), call(4, 'start')],
        queues: [queue('billing', '2026-11-21T10:00:30.000Z', [{ n: 2, joinedAt: '2026-11-21T10:00:25.000Z' }])],
      },
    });
    expect(runningCalls(state).map((each) => [each.callId, each.currentNode?.id])).toEqual([
      [callId(1), 'menu'],
      [callId(2), 'queue'],
      [callId(4), 'start'],
    ]);
    expect(Object.keys(state.queues)).toEqual(['billing']);
  });

  it('applies actions through the store', () => {
    const store = createMonitorStore();
    store.getState().apply({ type: 'call.updated', call: call(1, 'menu') });
    expect(runningCalls(store.getState())).toHaveLength(1);
  });
});
