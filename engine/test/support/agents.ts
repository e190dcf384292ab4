import type { Agent } from '@callflow/schemas';

/** An available agent with no skills, calls or absences; `overrides` set what a test is about. */
export function agent(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    name: id,
    extension: '100',
    directNumber: null,
    endpoint: { type: 'sandbox', id: `ep-${id}` },
    skills: [],
    maxConcurrentCalls: 1,
    presence: 'available',
    activeCalls: 0,
    lastCallEndedAt: null,
    doNotDisturbUntil: null,
    vacation: null,
    callForwardingNumber: null,
    ringTimeoutSecs: 20,
    weight: 1,
    timeZone: 'UTC',
    ...overrides,
  };
}
