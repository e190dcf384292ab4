import type { Agent, ForwardTarget } from '@callflow/schemas';
import { localClock, zoneOf } from '../calendar/zoned-time';

/** Why an agent is not offered a call. */
export type Unavailability = 'offline' | 'away' | 'busy' | 'do-not-disturb' | 'vacation' | 'at-call-limit';

export type AgentAvailability =
  | { available: true }
  /** `forwardTo` is set only for a vacation with a forward target. */
  | { available: false; reason: Unavailability; forwardTo?: ForwardTarget };

/**
 * Whether an agent can be offered a call at `at` (epoch ms). Vacation is checked first because
 * it carries the forward target, whatever the agent's presence says meanwhile.
 */
export function agentAvailability(agent: Agent, at: number): AgentAvailability {
  if (!Number.isFinite(at)) throw new RangeError(`expected an instant in epoch milliseconds, got ${at}`);
  const vacation = agent.vacation;
  if (vacation !== null) {
    const today = localClock(zoneOf(agent.timeZone), at).date;
    if (vacation.from <= today && today <= vacation.to) {
      return vacation.forwardTo === undefined
        ? { available: false, reason: 'vacation' }
        : { available: false, reason: 'vacation', forwardTo: vacation.forwardTo };
    }
  }
  if (agent.presence !== 'available') return { available: false, reason: agent.presence };
  if (agent.doNotDisturbUntil !== null && at < Date.parse(agent.doNotDisturbUntil)) {
    return { available: false, reason: 'do-not-disturb' };
  }
  if (agent.activeCalls >= agent.maxConcurrentCalls) return { available: false, reason: 'at-call-limit' };
  return { available: true };
}
