import type { AgentPresenceEvent, CallUpdated, LiveSnapshot, QueueUpdated } from '@callflow/schemas';
import { createStore } from 'zustand';

/** What the live monitor knows: running calls, queues with who waits, agents' presence. */
export interface MonitorState {
  /** Running calls by id (an ended call leaves). */
  calls: Record<string, CallUpdated>;
  /** Calls an event told about since the connection opened: a snapshot read earlier must not overwrite them. */
  heardOf: Record<string, true>;
  queues: Record<string, QueueUpdated>;
  presence: Record<string, AgentPresenceEvent>;
}

/** What the REST API said when the page opened (or the connection came back): `GET /api/live`. */
export type MonitorSnapshot = LiveSnapshot;

export type MonitorAction =
  | { type: 'call.updated'; call: CallUpdated }
  | { type: 'queue.updated'; queue: QueueUpdated }
  | { type: 'agent.presence'; presence: AgentPresenceEvent }
  | { type: 'snapshot'; snapshot: MonitorSnapshot }
  /** The connection (re)opened: events from now on are newer than any snapshot read after this. */
  | { type: 'connected' };

export const emptyMonitorState = (): MonitorState => ({ calls: {}, heardOf: {}, queues: {}, presence: {} });

const newer = (a: { at: string }, b: { at: string } | undefined) => b === undefined || Date.parse(a.at) >= Date.parse(b.at);

function withCall(calls: Record<string, CallUpdated>, call: CallUpdated): Record<string, CallUpdated> {
  const { [call.callId]: _previous, ...others } = calls;
  return call.status === 'running' ? { ...others, [call.callId]: call } : others;
}

export function monitorReducer(state: MonitorState, action: MonitorAction): MonitorState {
  switch (action.type) {
    case 'call.updated':
      return { ...state, calls: withCall(state.calls, action.call), heardOf: { ...state.heardOf, [action.call.callId]: true } };
    case 'queue.updated':
      if (!newer(action.queue, state.queues[action.queue.queueId])) return state;
      return { ...state, queues: { ...state.queues, [action.queue.queueId]: action.queue } };
    case 'agent.presence':
      if (!newer(action.presence, state.presence[action.presence.agentId])) return state;
      return { ...state, presence: { ...state.presence, [action.presence.agentId]: action.presence } };
    case 'connected':
      return { ...state, heardOf: {} };
    case 'snapshot': {
      const { snapshot } = action;
      // The snapshot is the truth about every call no event has mentioned since the connection opened.
      const calls = Object.fromEntries(Object.entries(state.calls).filter(([callId]) => state.heardOf[callId]));
      for (const call of snapshot.calls) if (!state.heardOf[call.callId] && call.status === 'running') calls[call.callId] = call;
      const queues = { ...state.queues };
      for (const queue of snapshot.queues) if (newer(queue, queues[queue.queueId])) queues[queue.queueId] = queue;
      return { ...state, calls, queues };
    }
  }
}

/** Running calls, longest running first. */
export function runningCalls(state: MonitorState): CallUpdated[] {
  return Object.values(state.calls).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.callId.localeCompare(b.callId));
}

/** How many running calls are at each node of `flowId` now. */
export function callsPerNode(state: MonitorState, flowId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of Object.values(state.calls)) {
    const node = call.currentNode;
    if (node === null || node.flowId !== flowId) continue;
    counts.set(node.id, (counts.get(node.id) ?? 0) + 1);
  }
  return counts;
}

export interface QueueWait {
  queueId: string;
  queueName: string | null;
  joinedAt: string;
}

/** The queue a call waits in now, and since when. */
export function queueWaitOf(state: MonitorState, callId: string): QueueWait | null {
  for (const queue of Object.values(state.queues)) {
    const waiter = queue.waiting.find((candidate) => candidate.callId === callId);
    if (waiter) return { queueId: queue.queueId, queueName: queue.name, joinedAt: waiter.joinedAt };
  }
  return null;
}

/** Seconds the longest waiting caller of `queue` has waited at `nowMs`; null when nobody waits. */
export function longestWaitSecs(queue: Pick<QueueUpdated, 'waiting'>, nowMs: number): number | null {
  const first = queue.waiting[0];
  return first === undefined ? null : Math.max(0, Math.floor((nowMs - Date.parse(first.joinedAt)) / 1000));
}

export type MonitorStore = ReturnType<typeof createMonitorStore>;

export function createMonitorStore(initial: MonitorState = emptyMonitorState()) {
  return createStore<MonitorState & { apply(action: MonitorAction): void }>()((set) => ({
    ...initial,
    apply(action) {
      set((state) => monitorReducer(state, action));
    },
  }));
}
