import { existsSync } from 'node:fs';
import type { CarrierConfig } from './activities/carrier.activities';
import type { InternalApiConfig } from './activities/internal-api.activities';
import { logLevelFrom, type LogLevel } from './observability/logger';

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
  const production = !sandbox ? 'TELNYX_API_KEY is set' : env.NODE_ENV === 'production' ? 'NODE_ENV is production' : null;
  if (production !== null && (!env.INTERNAL_API_TOKEN || env.INTERNAL_API_TOKEN === DEFAULT_INTERNAL_API_TOKEN)) {
    throw new Error(`${production} but INTERNAL_API_TOKEN is not set to a secret: the development token is public; set the one the API has.`);
  }
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

/** How the worker process starts, beyond what in-process workers (tests) need. */
export interface WorkerProcessConfig {
  /**
   * A workflow bundle built ahead of time (`bundleWorkflowCode`, as the container image does); null: the workflow
   * code is bundled at start, which suits development.
   */
  workflowBundlePath: string | null;
  /** Port of `GET /healthz` for container probes; null: no health endpoint. */
  healthPort: number | null;
  /** Port of the Prometheus endpoint (`GET /metrics`: the Temporal SDK's metrics and the step latency); null: none. */
  metricsPort: number | null;
  logLevel: LogLevel;
}

export function loadWorkerProcessConfig(env: NodeJS.ProcessEnv = process.env): WorkerProcessConfig {
  const workflowBundlePath = env.WORKFLOW_BUNDLE_PATH?.trim() || null;
  if (workflowBundlePath !== null && !existsSync(workflowBundlePath)) {
    throw new Error(`WORKFLOW_BUNDLE_PATH is set to ${workflowBundlePath}, but there is no file there.`);
  }
  return {
    workflowBundlePath,
    healthPort: optionalPort(env, 'WORKER_HEALTH_PORT'),
    metricsPort: optionalPort(env, 'WORKER_METRICS_PORT'),
    logLevel: logLevelFrom(env),
  };
}

function optionalPort(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = env[name]?.trim() || null;
  const port = raw === null ? null : Number(raw);
  if (port !== null && !(Number.isInteger(port) && port > 0 && port <= 65535)) {
    throw new Error(`${name} must be an integer between 1 and 65535 (got "${raw}").`);
  }
  return port;
}
