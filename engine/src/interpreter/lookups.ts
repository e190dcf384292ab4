import type { Agent, DirectorySnapshot, RingGroupMember, RoutingMemory, RoutingStrategy } from '@callflow/schemas';
import { agentAvailability, planRing } from '../routing';
import type { DialPlan, DialTarget, LookupRequest, LookupResult } from './types';

export const DEFAULT_RING_TIMEOUT_SECS = 20;

export interface LookupContext {
  directory: DirectorySnapshot;
  memory: RoutingMemory;
  at: number;
  /** Integer randomness for the random and weighted strategies, supplied by the host. */
  seed: number;
}

function agentTarget(agent: Agent): DialTarget {
  return { label: `${agent.name} (${agent.extension})`, agentId: agent.id, address: agent.endpoint };
}

function numberTarget(number: string, label: string): DialTarget {
  return { label, agentId: null, address: { type: 'number', number } };
}

function ringPlan(
  context: LookupContext,
  groupId: string,
  strategy: RoutingStrategy,
  members: RingGroupMember[],
  ringTimeoutSecs: number,
): { plan: DialPlan; memory: RoutingMemory } {
  const agentsById = new Map(context.directory.agents.map((agent) => [agent.id, agent]));
  const routed = planRing({
    groupId,
    strategy,
    members,
    agents: context.directory.agents,
    at: context.at,
    ringTimeoutSecs,
    memory: context.memory,
    seed: context.seed,
  });
  const attempts = routed.attempts.map((attempt) => ({
    timeoutSecs: attempt.timeoutSecs,
    targets: attempt.agentIds.flatMap((id) => {
      const agent = agentsById.get(id);
      return agent ? [agentTarget(agent)] : [];
    }),
  }));
  const forwardedNumbers = routed.forwards.flatMap((forward) =>
    forward.to.type === 'number' ? [numberTarget(forward.to.number, `Forward of ${agentsById.get(forward.fromAgentId)?.name ?? forward.fromAgentId}`)] : [],
  );
  if (forwardedNumbers.length > 0) {
    const [first, ...rest] = attempts;
    const merged = first ? [{ ...first, targets: [...first.targets, ...forwardedNumbers] }, ...rest] : [{ timeoutSecs: ringTimeoutSecs, targets: forwardedNumbers }];
    return { plan: { attempts: merged }, memory: routed.memory };
  }
  return { plan: { attempts }, memory: routed.memory };
}

/** A direct call to one agent: their forwarding number, vacation forward, or their own endpoint. */
function directPlan(agent: Agent, context: LookupContext, ringTimeoutSecs: number | null): DialPlan {
  const timeoutSecs = ringTimeoutSecs ?? agent.ringTimeoutSecs;
  if (agent.callForwardingNumber) {
    return { attempts: [{ timeoutSecs, targets: [numberTarget(agent.callForwardingNumber, `${agent.name} (forwarded)`)] }] };
  }
  const availability = agentAvailability(agent, context.at);
  if (availability.available) return { attempts: [{ timeoutSecs, targets: [agentTarget(agent)] }] };
  const forward = availability.forwardTo;
  if (!forward) return { attempts: [] };
  if (forward.type === 'number') {
    return { attempts: [{ timeoutSecs, targets: [numberTarget(forward.number, `${agent.name} (vacation forward)`)] }] };
  }
  const standIn = context.directory.agents.find((candidate) => candidate.id === forward.agentId);
  return standIn && agentAvailability(standIn, context.at).available
    ? { attempts: [{ timeoutSecs, targets: [agentTarget(standIn)] }] }
    : { attempts: [] };
}

/**
 * Answers the interpreter's directory questions from a snapshot. Pure: the host supplies the snapshot, the
 * routing memory and randomness, and stores the returned memory.
 */
export function resolveLookup(request: LookupRequest, context: LookupContext): { result: LookupResult; memory: RoutingMemory } {
  const { directory, memory } = context;
  switch (request.type) {
    case 'schedule':
      return { result: { type: 'schedule', schedule: directory.schedules.find((schedule) => schedule.id === request.scheduleId) ?? null }, memory };
    case 'mailbox':
      return { result: { type: 'mailbox', mailbox: directory.mailboxes.find((mailbox) => mailbox.id === request.mailboxId) ?? null }, memory };
    case 'ring-plan': {
      const { target } = request;
      if (target.type === 'agents') {
        const members = target.agentIds.map((agentId, priority) => ({ agentId, priority }));
        const planned = ringPlan(context, `agents:${target.agentIds.join(',')}`, target.strategy, members, request.ringTimeoutSecs ?? DEFAULT_RING_TIMEOUT_SECS);
        return { result: { type: 'ring-plan', plan: planned.plan }, memory: planned.memory };
      }
      const group = directory.ringGroups.find((candidate) => candidate.id === target.ringGroupId);
      if (!group) return { result: { type: 'ring-plan', plan: { attempts: [] } }, memory };
      const planned = ringPlan(context, group.id, group.strategy, group.members, request.ringTimeoutSecs ?? group.ringTimeoutSecs);
      return { result: { type: 'ring-plan', plan: planned.plan }, memory: planned.memory };
    }
    case 'extension': {
      const agent = directory.agents.find((candidate) => candidate.extension === request.extension);
      if (agent) return { result: { type: 'extension', found: true, plan: directPlan(agent, context, request.ringTimeoutSecs) }, memory };
      const group = directory.ringGroups.find((candidate) => candidate.extension === request.extension);
      if (!group) return { result: { type: 'extension', found: false, plan: { attempts: [] } }, memory };
      const planned = ringPlan(context, group.id, group.strategy, group.members, request.ringTimeoutSecs ?? group.ringTimeoutSecs);
      return { result: { type: 'extension', found: true, plan: planned.plan }, memory: planned.memory };
    }
  }
}
