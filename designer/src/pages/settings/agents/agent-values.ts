import type { AgentEndpoint, AgentView, CreateAgentBody } from '@callflow/schemas';
import { nullIfBlank, numberOf, type NumberValue } from '../form-values';

export interface AgentFormValues {
  name: string;
  extension: string;
  directNumber: string;
  endpoint: { type: AgentEndpoint['type']; id: string; uri: string; credentialId: string };
  skills: Array<{ skill: string; level: NumberValue }>;
  maxConcurrentCalls: NumberValue;
  ringTimeoutSecs: NumberValue;
  weight: NumberValue;
  timeZone: string;
  callForwardingNumber: string;
  vacation: {
    enabled: boolean;
    from: string;
    to: string;
    message: string;
    forwardTo: { type: 'none' | 'agent' | 'number'; agentId: string; number: string };
  };
}

/** The form's starting values: the agent's, or a new agent's. */
export function agentFormValues(agent: AgentView | null, defaultTimeZone: string): AgentFormValues {
  const endpoint = agent?.endpoint;
  const vacation = agent?.vacation ?? null;
  const forwardTo = vacation?.forwardTo;
  return {
    name: agent?.name ?? '',
    extension: agent?.extension ?? '',
    directNumber: agent?.directNumber ?? '',
    endpoint: {
      type: endpoint?.type ?? 'sandbox',
      id: endpoint?.type === 'sandbox' ? endpoint.id : '',
      uri: endpoint?.type === 'sip' ? endpoint.uri : '',
      credentialId: endpoint?.type === 'webrtc' ? endpoint.credentialId : '',
    },
    skills: agent?.skills.map((entry) => ({ ...entry })) ?? [],
    maxConcurrentCalls: agent?.maxConcurrentCalls ?? 1,
    ringTimeoutSecs: agent?.ringTimeoutSecs ?? 20,
    weight: agent?.weight ?? 1,
    timeZone: agent?.timeZone ?? defaultTimeZone,
    callForwardingNumber: agent?.callForwardingNumber ?? '',
    vacation: {
      enabled: vacation !== null,
      from: vacation?.from ?? '',
      to: vacation?.to ?? '',
      message: vacation?.message ?? '',
      forwardTo: {
        type: forwardTo?.type ?? 'none',
        agentId: forwardTo?.type === 'agent' ? forwardTo.agentId : '',
        number: forwardTo?.type === 'number' ? forwardTo.number : '',
      },
    },
  };
}

function endpointOf({ type, id, uri, credentialId }: AgentFormValues['endpoint']) {
  if (type === 'sandbox') return { type, id: id.trim() };
  if (type === 'sip') return { type, uri: uri.trim() };
  return { type, credentialId: credentialId.trim() };
}

function vacationOf({ enabled, from, to, message, forwardTo }: AgentFormValues['vacation']) {
  if (!enabled) return null;
  const forward =
    forwardTo.type === 'agent' ? { type: 'agent', agentId: forwardTo.agentId } : forwardTo.type === 'number' ? { type: 'number', number: forwardTo.number.trim() } : undefined;
  return { from, to, ...(message.trim() ? { message: message.trim() } : {}), ...(forward ? { forwardTo: forward } : {}) };
}

/** The values as a create (or full update) body, for `CreateAgentBodySchema` to check. */
export function agentBody(values: AgentFormValues): Record<keyof CreateAgentBody, unknown> {
  return {
    name: values.name.trim(),
    extension: values.extension.trim(),
    directNumber: nullIfBlank(values.directNumber),
    endpoint: endpointOf(values.endpoint),
    skills: values.skills.map((entry) => ({ skill: entry.skill.trim(), level: numberOf(entry.level) })),
    maxConcurrentCalls: numberOf(values.maxConcurrentCalls),
    ringTimeoutSecs: numberOf(values.ringTimeoutSecs),
    weight: numberOf(values.weight),
    timeZone: values.timeZone,
    callForwardingNumber: nullIfBlank(values.callForwardingNumber),
    vacation: vacationOf(values.vacation),
  };
}
