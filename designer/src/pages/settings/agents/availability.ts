import type { AgentAvailabilityView, AgentView } from '@callflow/schemas';

const REASONS: Record<NonNullable<AgentAvailabilityView['reason']>, string> = {
  offline: 'Offline',
  away: 'Away',
  busy: 'Busy',
  'do-not-disturb': 'Do not disturb',
  vacation: 'On vacation',
  'at-call-limit': 'At call limit',
};

/** How the routing rule sees the agent right now, in words and a colour. */
export function availabilityOf(agent: AgentView, agentName: (id: string) => string): { label: string; color: string; detail: string | null } {
  const { availableNow, reason, forwardTo } = agent.availability;
  if (availableNow) return { label: 'Available', color: 'teal', detail: null };
  const forwarded = forwardTo === null ? null : forwardTo.type === 'agent' ? `calls go to ${agentName(forwardTo.agentId)}` : `calls go to ${forwardTo.number}`;
  const until =
    reason === 'vacation' && agent.vacation !== null
      ? `until ${agent.vacation.to}`
      : reason === 'do-not-disturb' && agent.doNotDisturbUntil !== null
        ? `until ${new Date(agent.doNotDisturbUntil).toLocaleString()}`
        : null;
  const detail = [until, forwarded].filter(Boolean).join(' · ') || null;
  return { label: reason === null ? 'Unavailable' : REASONS[reason], color: reason === 'vacation' || reason === 'do-not-disturb' ? 'orange' : 'gray', detail };
}
