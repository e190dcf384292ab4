import {
  CallDetailSchema,
  CallPageSchema,
  CallReplaySchema,
  LiveSnapshotSchema,
  VoicemailPageSchema,
  VoicemailSchema,
  type CallDetail,
  type CallPage,
  type CallReplay,
  type CallSearchQuery,
  type LiveSnapshot,
  type Voicemail,
  type VoicemailPage,
  type VoicemailQuery,
} from '@callflow/schemas';
import { http, type HttpClient } from './http';

/** Search filters as the form holds them: every field optional, the page size defaulted by the API. */
export type CallFilters = Partial<CallSearchQuery>;
export type VoicemailFilters = Partial<Omit<VoicemailQuery, 'unread'>> & { unread?: boolean };

/**
 * Calls (`/api/calls`: search, detail, replay), the live snapshot the monitor opens with (`/api/live`), voicemails
 * and the audio of recordings and voicemails. Supervisors see every call of the company; agents the calls that rang
 * them and their own mailboxes.
 */
export function createCallsClient(client: Pick<HttpClient, 'request' | 'respond'>) {
  const call = (id: string) => `/calls/${encodeURIComponent(id)}`;
  return {
    search: (filters: CallFilters = {}, signal?: AbortSignal): Promise<CallPage> =>
      client.request('/calls', { query: { ...filters }, schema: CallPageSchema, signal }),
    detail: (id: string): Promise<CallDetail> => client.request(call(id), { schema: CallDetailSchema }),
    /** The call on the exact version it ran on, step by step. */
    replay: (id: string): Promise<CallReplay> => client.request(`${call(id)}/replay`, { schema: CallReplaySchema }),
    liveSnapshot: (): Promise<LiveSnapshot> => client.request('/live', { schema: LiveSnapshotSchema }),
    voicemails: ({ unread, ...filters }: VoicemailFilters = {}): Promise<VoicemailPage> =>
      client.request('/voicemails', { query: { ...filters, unread: unread === undefined ? undefined : String(unread) }, schema: VoicemailPageSchema }),
    markVoicemailRead: (id: string): Promise<Voicemail> =>
      client.request(`/voicemails/${encodeURIComponent(id)}/read`, { method: 'POST', schema: VoicemailSchema }),
    /**
     * The audio at an `audioUrl` of a recording or voicemail, as a Blob (audio elements cannot send the bearer token,
     * so the page plays an object URL of it). Each fetch is audited by the API.
     */
    async audio(audioUrl: string, signal?: AbortSignal): Promise<Blob> {
      const path = audioUrl.startsWith('/api/') ? audioUrl.slice('/api'.length) : audioUrl;
      const response = await client.respond(path, { signal });
      return response.blob();
    },
  };
}

export type CallsClient = ReturnType<typeof createCallsClient>;

export const callsClient = createCallsClient(http);
