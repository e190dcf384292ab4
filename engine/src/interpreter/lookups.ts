import type { Agent, DirectorySnapshot, Queue, RingGroupMember, RoutingMemory, RoutingStrategy } from '@callflow/schemas';
import { agentAvailability, planRing } from '../routing';
import type { DialPlan, DialTarget, LookupRequest, LookupResult, QueueOverrides, QueueSettings } from './types';

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
  const skipped = routed.excluded.map((exclusion) => {
    const agent = agentsById.get(exclusion.agentId);
    return { label: agent ? agentTarget(agent).label : exclusion.agentId, reason: exclusion.reason };
  });
  const forwardedNumbers = routed.forwards.flatMap((forward) =>
    forward.to.type === 'number' ? [numberTarget(forward.to.number, `Forward of ${agentsById.get(forward.fromAgentId)?.name ?? forward.fromAgentId}`)] : [],
  );
  if (forwardedNumbers.length > 0) {
    const [first, ...rest] = attempts;
    const merged = first ? [{ ...first, targets: [...first.targets, ...forwardedNumbers] }, ...rest] : [{ timeoutSecs: ringTimeoutSecs, targets: forwardedNumbers }];
    return { plan: { attempts: merged, skipped }, memory: routed.memory };
  }
  return { plan: { attempts, skipped }, memory: routed.memory };
}

/** A direct call to one agent: their forwarding number, vacation forward, or their own endpoint. */
function directPlan(agent: Agent, context: LookupContext, ringTimeoutSecs: number | null): DialPlan {
  const timeoutSecs = ringTimeoutSecs ?? agent.ringTimeoutSecs;
  const ring = (target: DialTarget, skipped: DialPlan['skipped'] = []): DialPlan => ({ attempts: [{ timeoutSecs, targets: [target] }], skipped });
  if (agent.callForwardingNumber) return ring(numberTarget(agent.callForwardingNumber, `${agent.name} (forwarded)`));
  const availability = agentAvailability(agent, context.at);
  if (availability.available) return ring(agentTarget(agent));
  const skipped = [{ label: agentTarget(agent).label, reason: availability.reason }];
  const forward = availability.forwardTo;
  if (!forward) return { attempts: [], skipped };
  if (forward.type === 'number') return ring(numberTarget(forward.number, `${agent.name} (vacation forward)`), skipped);
  const standIn = context.directory.agents.find((candidate) => candidate.id === forward.agentId);
  if (!standIn) return { attempts: [], skipped };
  const standInAvailability = agentAvailability(standIn, context.at);
  return standInAvailability.available
    ? ring(agentTarget(standIn), skipped)
    : { attempts: [], skipped: [...skipped, { label: agentTarget(standIn).label, reason: standInAvailability.reason }] };
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
      if (!group) return { result: { type: 'ring-plan', plan: { attempts: [], skipped: [] } }, memory };
      const planned = ringPlan(context, group.id, group.strategy, group.members, request.ringTimeoutSecs ?? group.ringTimeoutSecs);
      return { result: { type: 'ring-plan', plan: planned.plan }, memory: planned.memory };
    }
    case 'extension': {
      const agent = directory.agents.find((candidate) => candidate.extension === request.extension);
      if (agent) return { result: { type: 'extension', found: true, plan: directPlan(agent, context, request.ringTimeoutSecs) }, memory };
      const group = directory.ringGroups.find((candidate) => candidate.extension === request.extension);
      if (!group) return { result: { type: 'extension', found: false, plan: { attempts: [], skipped: [] } }, memory };
      const planned = ringPlan(context, group.id, group.strategy, group.members, request.ringTimeoutSecs ?? group.ringTimeoutSecs);
      return { result: { type: 'extension', found: true, plan: planned.plan }, memory: planned.memory };
    }
  }
}

/** The queue's own settings, with whatever the flow's Queue node overrides. */
export function effectiveQueueSettings(queue: Queue, overrides: QueueOverrides): QueueSettings {
  return {
    maxWaitSecs: overrides.maxWaitSecs ?? queue.maxWaitSecs,
    announcePosition: overrides.announcePosition ?? queue.announcePosition,
    announceExpectedWait: overrides.announceExpectedWait ?? queue.announceExpectedWait,
    announceIntervalSecs: overrides.announceIntervalSecs ?? queue.announceIntervalSecs,
    holdAudioUrl: queue.holdAudio?.url ?? null,
  };
}
