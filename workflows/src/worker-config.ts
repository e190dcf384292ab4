import type { CarrierConfig } from './activities/carrier.activities';
import type { InternalApiConfig } from './activities/internal-api.activities';

export interface WorkerConfig {
  temporalAddress: string;
  temporalNamespace: string;
  carrier: CarrierConfig;
  internalApi: InternalApiConfig;
  /** Calls one worker keeps in memory (about 1 MB each) before evicting the least recently used. */
  maxCachedWorkflows: number;
}

export const DEFAULT_INTERNAL_API_TOKEN = 'callflow-development-internal-token';

/** Worker settings from the environment; defaults suit the local stack with the sandbox carrier. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const apiUrl = env.CALLFLOW_API_URL || 'http://127.0.0.1:3000';
  const sandbox = !env.TELNYX_API_KEY;
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    carrier: {
      // The sandbox accepts any key; Telnyx needs the real one.
      apiKey: env.TELNYX_API_KEY || 'sandbox',
      baseUrl: env.TELNYX_API_BASE_URL || (sandbox ? `${apiUrl}/sandbox/telnyx/v2` : 'https://api.telnyx.com/v2'),
      connectionId: env.TELNYX_CONNECTION_ID || 'sandbox',
      holdMusicUrl: env.HOLD_MUSIC_URL || `${apiUrl}/sandbox/hold-music.mp3`,
      requestTimeoutMs: 3_000,
    },
    internalApi: { baseUrl: apiUrl, token: env.INTERNAL_API_TOKEN || DEFAULT_INTERNAL_API_TOKEN, timeoutMs: 8_000 },
    maxCachedWorkflows: Number(env.WORKER_MAX_CACHED_WORKFLOWS || 2_000),
  };
}
