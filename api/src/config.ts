import path from 'node:path';
import { logLevelFrom, type LogLevel } from '@callflow/workflows/src/observability/logger';

/** API configuration, read once from the environment. Defaults suit the local stack (`npm start`). */
export interface AppConfig {
  /** PostgreSQL connection URL, database name included. */
  databaseUrl: string;
  /** Temporal frontend `host:port`. */
  temporalAddress: string;
  temporalNamespace: string;
  /** HTTP port of the API. */
  port: number;
  /** Telnyx API key; null = sandbox mode (the sandbox carrier stands in for Telnyx). */
  telnyxApiKey: string | null;
  /** Call Control v2 base URL the workers send commands to. */
  telnyxApiBaseUrl: string;
  /**
   * Webhook verification key: the raw 32-byte Ed25519 public key, base64 (as the Telnyx portal shows it).
   * Null until someone provides it: in sandbox mode the process that starts the API passes the sandbox's key.
   */
  telnyxPublicKey: string | null;
  /** Call Control application id used when dialing; null in sandbox mode, where any value works. */
  telnyxConnectionId: string | null;
  /** Shared secret the workers send in `x-callflow-internal-token` to reach `/api/internal/*`. */
  internalApiToken: string;
  /**
   * Speech-to-text hook for voicemail: POST `{ recordingUrl }` → `{ text }`. Null: voicemails are kept without a
   * transcript. In sandbox mode the sandbox answers it with what the simulated caller said.
   */
  transcriptionUrl: string | null;
  /** SMTP server that e-mail notifications go through (`smtp://…` or `smtps://user:pass@host`); null: they wait in the outbox. */
  smtpUrl: string | null;
  /** The From of e-mail notifications. */
  smtpFrom: string;
  /** HMAC key signing access tokens (HS256). */
  jwtSecret: string;
  /** Redis shared by the API instances' Socket.io servers (the streams adapter); null: this instance works alone. */
  redisUrl: string | null;
  /** The built designer (`npm run build -w designer`), served on the API's port. */
  designerDistDir: string;
  /** Least severe level written to the log (pino levels). */
  logLevel: LogLevel;
  /** Bearer token Prometheus sends to scrape `GET /metrics`; null: only requests from this machine (loopback) may. */
  metricsToken: string | null;
  /**
   * Origins (`https://app.example.com`) whose pages may call the API from a browser (CORS); empty: the designer served
   * by the API itself, same origin, only.
   */
  corsOrigins: string[];
  /** Webhook deliveries a second from one source address before 429 (the carrier redelivers later). */
  webhookRateLimit: number;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (rate limits, logs).
   * False: none, the connection's address is the client's.
   */
  trustProxy: string | false;
  /**
   * Calls in progress (on every instance together) above which a new inbound call is rejected busy instead of
   * answered; null: no ceiling.
   */
  maxActiveCalls: number | null;
  /**
   * New inbound calls a second (on every instance together; a burst of one second's worth at once) above which a call
   * is rejected busy instead of answered; null: no limit.
   */
  maxCallsPerSecond: number | null;
}

export const TELNYX_API_BASE_URL = 'https://api.telnyx.com/v2';
/** Only for local development: `npm start` generates a token per run and passes it to the API and the worker. */
export const DEVELOPMENT_INTERNAL_API_TOKEN = 'callflow-development-internal-token';

/** Only for local development; required with TELNYX_API_KEY, where tokens must not be forgeable. */
export const DEVELOPMENT_JWT_SECRET = 'callflow-development-jwt-secret';

export const CONFIG_DEFAULTS: AppConfig = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/callflow',
  temporalAddress: '127.0.0.1:7233',
  temporalNamespace: 'default',
  port: 3000,
  telnyxApiKey: null,
  telnyxApiBaseUrl: sandboxApiBaseUrl(3000),
  telnyxPublicKey: null,
  telnyxConnectionId: null,
  internalApiToken: DEVELOPMENT_INTERNAL_API_TOKEN,
  transcriptionUrl: sandboxTranscriptionUrl(3000),
  smtpUrl: null,
  smtpFrom: 'Callflow <callflow@localhost>',
  jwtSecret: DEVELOPMENT_JWT_SECRET,
  redisUrl: null,
  designerDistDir: path.resolve(__dirname, '..', '..', 'designer', 'dist'),
  logLevel: 'info',
  metricsToken: null,
  corsOrigins: [],
  webhookRateLimit: 1000,
  trustProxy: false,
  maxActiveCalls: null,
  maxCallsPerSecond: null,
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Where the sandbox carrier serves Call Control v2 inside the API listening on `port`. */
export function sandboxApiBaseUrl(port: number): string {
  return `http://127.0.0.1:${port}/sandbox/telnyx/v2`;
}

export function sandboxTranscriptionUrl(port: number): string {
  return `http://127.0.0.1:${port}/sandbox/transcriptions`;
}

/** Throws unless `key` is base64 of exactly 32 bytes (a raw Ed25519 public key). */
export function assertEd25519PublicKey(key: string, name = 'TELNYX_PUBLIC_KEY'): void {
  const trimmed = key.trim();
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) && trimmed.length % 4 === 0 ? Buffer.from(trimmed, 'base64') : null;
  if (bytes === null || bytes.length !== 32) {
    throw new Error(
      `${name} must be the raw 32-byte Ed25519 public key in base64 (44 characters, from the Telnyx portal: ` +
        'Account Settings → Keys & Credentials → Public Key), not PEM or hex.',
    );
  }
}

function optional(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = optional(env[name]);
  if (raw === null) return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}").`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = optional(env[name]);
  if (raw === null) return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}").`);
  return value;
}

/** CORS_ORIGINS: comma-separated origins (scheme, host and port only, as browsers send them in `Origin`). */
function corsOrigins(raw: string | null): string[] {
  if (raw === null) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (url === null || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new Error(`CORS_ORIGINS must list origins such as https://app.example.com, comma-separated, without path or trailing slash (got "${origin}").`);
    }
    return origin;
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = env.PORT === undefined || env.PORT === '' ? CONFIG_DEFAULTS.port : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535 (got "${env.PORT}").`);
  }
  const telnyxApiKey = optional(env.TELNYX_API_KEY);
  const telnyxPublicKey = optional(env.TELNYX_PUBLIC_KEY);
  if (telnyxPublicKey !== null) assertEd25519PublicKey(telnyxPublicKey);
  if (telnyxApiKey !== null && telnyxPublicKey === null) {
    throw new Error('TELNYX_API_KEY is set but TELNYX_PUBLIC_KEY is not: webhooks from Telnyx could not be verified.');
  }
  const internalApiToken = optional(env.INTERNAL_API_TOKEN);
  const jwtSecret = optional(env.JWT_SECRET);
  // Production (Telnyx, or a production build in any mode) takes its secrets from the environment, never the public
  // development defaults.
  const production = telnyxApiKey !== null ? 'TELNYX_API_KEY is set' : env.NODE_ENV === 'production' ? 'NODE_ENV is production' : null;
  if (production !== null) {
    if (internalApiToken === null || internalApiToken === DEVELOPMENT_INTERNAL_API_TOKEN) {
      throw new Error(`${production} but INTERNAL_API_TOKEN is not set to a secret: the development token is public; set one shared with the workers.`);
    }
    if (jwtSecret === null || jwtSecret === DEVELOPMENT_JWT_SECRET) {
      throw new Error(`${production} but JWT_SECRET is not set to a secret: the development secret is public; set a long random one.`);
    }
    if (jwtSecret.length < 32) throw new Error(`JWT_SECRET must be at least 32 characters when ${production} (got ${jwtSecret.length}): set a long random secret.`);
  }
  return {
    databaseUrl: env.DATABASE_URL || CONFIG_DEFAULTS.databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS || CONFIG_DEFAULTS.temporalAddress,
    temporalNamespace: env.TEMPORAL_NAMESPACE || CONFIG_DEFAULTS.temporalNamespace,
    port,
    telnyxApiKey,
    telnyxApiBaseUrl: optional(env.TELNYX_API_BASE_URL) ?? (telnyxApiKey === null ? sandboxApiBaseUrl(port) : TELNYX_API_BASE_URL),
    telnyxPublicKey,
    telnyxConnectionId: optional(env.TELNYX_CONNECTION_ID),
    internalApiToken: internalApiToken ?? DEVELOPMENT_INTERNAL_API_TOKEN,
    transcriptionUrl: optional(env.TRANSCRIPTION_URL) ?? (telnyxApiKey === null ? sandboxTranscriptionUrl(port) : null),
    smtpUrl: optional(env.SMTP_URL),
    smtpFrom: optional(env.SMTP_FROM) ?? CONFIG_DEFAULTS.smtpFrom,
    jwtSecret: jwtSecret ?? DEVELOPMENT_JWT_SECRET,
    redisUrl: optional(env.REDIS_URL),
    designerDistDir: optional(env.DESIGNER_DIST_DIR) ?? CONFIG_DEFAULTS.designerDistDir,
    logLevel: logLevelFrom(env),
    metricsToken: optional(env.METRICS_TOKEN),
    corsOrigins: corsOrigins(optional(env.CORS_ORIGINS)),
    webhookRateLimit: positiveInteger(env, 'WEBHOOK_RATE_LIMIT') ?? CONFIG_DEFAULTS.webhookRateLimit,
    trustProxy: optional(env.TRUST_PROXY) ?? false,
    maxActiveCalls: positiveInteger(env, 'MAX_ACTIVE_CALLS'),
    maxCallsPerSecond: positiveNumber(env, 'MAX_CALLS_PER_SECOND'),
  };
}
