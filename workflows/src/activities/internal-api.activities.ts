import {
  INTERNAL_TOKEN_HEADER,
  internalApiPaths,
  type CallEndedBody,
  type CallEventsBody,
  type LookupBody,
  type LookupResponse,
  type QueueSnapshot,
  type VoicemailBody,
  type VoicemailResponse,
} from '../internal-api';

export interface InternalApiConfig {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

/** Workers keep no database of their own: directory, call log and voicemail go through the API. */
export function createInternalApiActivities(config: InternalApiConfig) {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, options: { notFound?: T } = {}): Promise<T> {
    const response = await fetch(new URL(path, config.baseUrl), {
      method,
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: config.token },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (response.status === 404 && 'notFound' in options) return options.notFound as T;
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    lookup: (body: LookupBody) => call<LookupResponse>('POST', internalApiPaths.lookups, body),
    recordCallEvents: (callId: string, body: CallEventsBody) => call<void>('POST', internalApiPaths.callEvents(callId), body),
    recordCallEnded: (callId: string, body: CallEndedBody) => call<void>('POST', internalApiPaths.callEnded(callId), body),
    saveVoicemail: (body: VoicemailBody) => call<VoicemailResponse>('POST', internalApiPaths.voicemails, body),
    /** Null when the queue does not exist (deleted, or a flow pointing at a wrong id). */
    queueSnapshot: (tenantId: string, queueId: string) =>
      call<QueueSnapshot | null>('GET', internalApiPaths.queue(tenantId, queueId), undefined, { notFound: null }),
  };
}

export type InternalApiActivities = ReturnType<typeof createInternalApiActivities>;
