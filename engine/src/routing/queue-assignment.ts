import type { Agent, Queue, RoutingMemory } from '@callflow/schemas';
import { planRing } from './ring-plan';

export interface QueueWaiter {
  /** Whatever identifies the waiting call to the host (the call workflow id). */
  id: string;
  joinedAt: number;
}

export interface QueueAssignmentInput {
  queue: Queue;
  agents: Agent[];
  /** In arrival order. */
  waiting: QueueWaiter[];
  /** Waiters with an offer already ringing: they are not offered a second agent. */
  offeredWaiterIds: ReadonlySet<string>;
  /** Agents ringing for this queue, in a conversation from it, or wrapping up. */
  busyAgentIds: ReadonlySet<string>;
  /** Agents a waiter's offer already went unanswered by, per waiter: tried again only when nobody else is free. */
  missedBy: Readonly<Record<string, readonly string[]>>;
  memory: RoutingMemory;
  at: number;
  seed: number;
}

/**
 * Who takes the next callers: the longest-waiting callers get the free agents, in the queue strategy's order
 * (skills, round-robin, longest idle…), skipping agents who are unavailable or already busy with this queue.
 */
export function assignQueueAgents(input: QueueAssignmentInput): { assignments: { waiterId: string; agentId: string }[]; memory: RoutingMemory } {
  const { queue } = input;
  const plan = planRing({
    groupId: queue.id,
    strategy: queue.strategy,
    members: queue.members.map((agentId, priority) => ({ agentId, priority })),
    agents: input.agents,
    at: input.at,
    ringTimeoutSecs: queue.agentRingTimeoutSecs,
    memory: input.memory,
    requiredSkills: queue.requiredSkills,
    seed: input.seed,
  });
  const free = [...new Set(plan.attempts.flatMap((attempt) => attempt.agentIds))].filter((agentId) => !input.busyAgentIds.has(agentId));
  const assignments: { waiterId: string; agentId: string }[] = [];
  for (const waiter of [...input.waiting].sort((a, b) => a.joinedAt - b.joinedAt)) {
    if (free.length === 0) break;
    if (input.offeredWaiterIds.has(waiter.id)) continue;
    const missed = new Set(input.missedBy[waiter.id] ?? []);
    const index = Math.max(0, free.findIndex((agentId) => !missed.has(agentId)));
    const [agentId] = free.splice(index, 1);
    if (agentId !== undefined) assignments.push({ waiterId: waiter.id, agentId });
  }
  return { assignments, memory: assignments.length > 0 ? plan.memory : input.memory };
}

/** Seconds a caller at `position` can expect to wait, from recent waits of answered callers; null without data. */
export function expectedWaitSecs(position: number, recentWaitsSecs: readonly number[]): number | null {
  if (recentWaitsSecs.length === 0) return null;
  const average = recentWaitsSecs.reduce((sum, wait) => sum + wait, 0) / recentWaitsSecs.length;
  return Math.round(average * position);
}
