/** Supervisors and above of the company: every call, queue and presence change of the tenant. */
export const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;

/** One call's events, for supervisors who subscribed to it. Call ids are globally unique. */
export const callRoom = (callId: string): string => `call:${callId}`;

/** The user linked to this agent: its ring offers. Agent ids are unique only within a tenant. */
export const agentRoom = (tenantId: string, agentId: string): string => `agent:${tenantId}:${agentId}`;
