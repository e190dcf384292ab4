import type { Agent, ForwardTarget, RequiredSkill, RingGroupMember, RoutingMemory, RoutingStrategy } from '@callflow/schemas';
import { agentAvailability, type Unavailability } from './availability';
import { seededRandom } from './seeded-random';

/** Why a member is left out of a ring plan: unavailable, unknown to the directory, or without the required skills. */
export type ExclusionReason = Unavailability | 'unknown-agent' | 'lacks-skills';

export interface RingAttempt {
  /** Agents rung at the same time in this attempt. */
  agentIds: string[];
  timeoutSecs: number;
}

export interface RingForward {
  fromAgentId: string;
  /** An agent target already rings in `attempts`; a number target is for the host to dial. */
  to: ForwardTarget;
}

export interface RingPlan {
  /** Tried in order until someone answers; empty when nobody can be rung. */
  attempts: RingAttempt[];
  excluded: { agentId: string; reason: ExclusionReason }[];
  /** Vacation forwards that took effect. */
  forwards: RingForward[];
  /** The routing memory to store for the next call (changed only by round-robin). */
  memory: RoutingMemory;
}

export interface RingPlanInput {
  /** Ring group or queue id; keys the round-robin memory. */
  groupId: string;
  strategy: RoutingStrategy;
  members: RingGroupMember[];
  agents: Agent[];
  /** The instant of the call, epoch ms. */
  at: number;
  /** How long each attempt rings. */
  ringTimeoutSecs: number;
  memory: RoutingMemory;
  /** When given, only agents with all of these skills at or above the level are rung, whatever the strategy. */
  requiredSkills?: RequiredSkill[];
  /** Integer randomness supplied by the caller, for the random and weighted strategies. */
  seed: number;
}

/** An agent that rings in a member's slot: the member itself, or the agent their vacation forwards to. */
interface Candidate {
  slot: RingGroupMember;
  agent: Agent;
  /** Position of the slot in the rotation (priority, then agent id). */
  position: number;
}

function byId(a: Candidate, b: Candidate): number {
  return a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0;
}

/** Never-rung agents first, then the earliest last call. */
function byLongestIdle(a: Candidate, b: Candidate): number {
  const idleSince = (candidate: Candidate) =>
    candidate.agent.lastCallEndedAt === null ? -Infinity : Date.parse(candidate.agent.lastCallEndedAt);
  return idleSince(a) - idleSince(b) || byId(a, b);
}

function skillScore(agent: Agent, requiredSkills: RequiredSkill[]): number {
  return requiredSkills.reduce((sum, required) => sum + (agent.skills.find((entry) => entry.skill === required.skill)?.level ?? 0), 0);
}

function hasSkills(agent: Agent, requiredSkills: RequiredSkill[]): boolean {
  return requiredSkills.every((required) => {
    const level = agent.skills.find((entry) => entry.skill === required.skill)?.level;
    return level !== undefined && level >= required.minLevel;
  });
}

function shuffle(candidates: Candidate[], random: () => number): Candidate[] {
  const order = [...candidates].sort(byId);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Draws without replacement, each draw favouring higher weights. */
function weightedOrder(candidates: Candidate[], random: () => number): Candidate[] {
  const remaining = [...candidates].sort(byId);
  const order: Candidate[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, candidate) => sum + candidate.agent.weight, 0);
    let ticket = random() * total;
    let index = remaining.findIndex((candidate) => (ticket -= candidate.agent.weight) < 0);
    if (index === -1) index = remaining.length - 1; // guards against rounding at the very top of the range
    order.push(...remaining.splice(index, 1));
  }
  return order;
}

function orderCandidates(candidates: Candidate[], input: RingPlanInput, rotationStart: number, rotationSize: number): Candidate[] {
  const random = seededRandom(input.seed);
  const orders = {
    simultaneous: () => [...candidates].sort(byId),
    sequential: () => [...candidates].sort((a, b) => a.position - b.position || byId(a, b)),
    'round-robin': () => {
      const turn = (candidate: Candidate) => (candidate.position - rotationStart + rotationSize) % rotationSize;
      return [...candidates].sort((a, b) => turn(a) - turn(b) || byId(a, b));
    },
    'longest-idle': () => [...candidates].sort(byLongestIdle),
    'fewest-calls': () => [...candidates].sort((a, b) => a.agent.activeCalls - b.agent.activeCalls || byId(a, b)),
    random: () => shuffle(candidates, random),
    weighted: () => weightedOrder(candidates, random),
    skills: () => {
      const required = input.requiredSkills ?? [];
      return [...candidates].sort((a, b) => skillScore(b.agent, required) - skillScore(a.agent, required) || byLongestIdle(a, b));
    },
  } satisfies Record<RoutingStrategy, () => Candidate[]>;
  return orders[input.strategy]();
}

/**
 * Who to ring for one call to a ring group or queue, and in which order. Pure: time, randomness
 * (`seed`) and round-robin memory come in as inputs; the memory to store comes back in the plan.
 */
export function planRing(input: RingPlanInput): RingPlan {
  if (!Number.isFinite(input.at)) throw new RangeError(`expected an instant in epoch milliseconds, got ${input.at}`);
  const agentsById = new Map(input.agents.map((agent) => [agent.id, agent]));
  const requiredSkills = input.requiredSkills ?? [];
  const rotation = [...input.members].sort(
    (a, b) => a.priority - b.priority || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
  );

  const candidates: Candidate[] = [];
  const excluded: RingPlan['excluded'] = [];
  const forwards: RingForward[] = [];
  rotation.forEach((slot, position) => {
    const agent = agentsById.get(slot.agentId);
    if (agent === undefined) {
      excluded.push({ agentId: slot.agentId, reason: 'unknown-agent' });
      return;
    }
    if (!hasSkills(agent, requiredSkills)) {
      excluded.push({ agentId: agent.id, reason: 'lacks-skills' });
      return;
    }
    const availability = agentAvailability(agent, input.at);
    if (availability.available) {
      candidates.push({ slot, agent, position });
      return;
    }
    excluded.push({ agentId: agent.id, reason: availability.reason });
    const target = availability.forwardTo;
    if (target?.type === 'number') {
      forwards.push({ fromAgentId: agent.id, to: target });
    } else if (target?.type === 'agent') {
      // One hop only: the stand-in must itself be available and qualified, or the forward is dropped.
      const standIn = agentsById.get(target.agentId);
      if (standIn !== undefined && hasSkills(standIn, requiredSkills) && agentAvailability(standIn, input.at).available) {
        forwards.push({ fromAgentId: agent.id, to: target });
        candidates.push({ slot, agent: standIn, position });
      }
    }
  });

  const lastSlot = input.memory.lastAgentIdByGroup[input.groupId];
  const rotationStart = rotation.findIndex((slot) => slot.agentId === lastSlot) + 1;
  const seen = new Set<string>();
  const ordered = orderCandidates(candidates, input, rotationStart, rotation.length).filter((candidate) => {
    if (seen.has(candidate.agent.id)) return false;
    seen.add(candidate.agent.id);
    return true;
  });

  const timeoutSecs = input.ringTimeoutSecs;
  const attempts =
    ordered.length === 0
      ? []
      : input.strategy === 'simultaneous'
        ? [{ agentIds: ordered.map((candidate) => candidate.agent.id), timeoutSecs }]
        : ordered.map((candidate) => ({ agentIds: [candidate.agent.id], timeoutSecs }));

  const first = ordered[0];
  const memory =
    input.strategy === 'round-robin' && first !== undefined
      ? { lastAgentIdByGroup: { ...input.memory.lastAgentIdByGroup, [input.groupId]: first.slot.agentId } }
      : input.memory;

  return { attempts, excluded, forwards, memory };
}
