import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { CONFIG_DEFAULTS, DEVELOPMENT_INTERNAL_API_TOKEN, DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config';

const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment (sandbox mode)', () => {
    expect(loadConfig({})).toEqual(CONFIG_DEFAULTS);
    expect(CONFIG_DEFAULTS).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/callflow',
      temporalAddress: '127.0.0.1:7233',
      temporalNamespace: 'default',
      port: 3000,
      telnyxApiKey: null,
      telnyxApiBaseUrl: 'http://127.0.0.1:3000/sandbox/telnyx/v2',
      telnyxPublicKey: null,
      telnyxConnectionId: null,
      internalApiToken: DEVELOPMENT_INTERNAL_API_TOKEN,
      transcriptionUrl: 'http://127.0.0.1:3000/sandbox/transcriptions',
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
    });
  });

  it('points the sandbox URLs at the configured port', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({
      telnyxApiBaseUrl: 'http://127.0.0.1:8080/sandbox/telnyx/v2',
      transcriptionUrl: 'http://127.0.0.1:8080/sandbox/transcriptions',
    });
  });

  it('reads every variable from the environment', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u@db:5432/x',
        TEMPORAL_ADDRESS: 't:7233',
        TEMPORAL_NAMESPACE: 'calls',
        PORT: '8080',
        TELNYX_API_KEY: 'KEY0123',
        TELNYX_PUBLIC_KEY: publicKey,
        TELNYX_CONNECTION_ID: '2849166432170853421',
        INTERNAL_API_TOKEN: 'secret-token',
        TRANSCRIPTION_URL: 'https://stt.example.com/transcribe',
        SMTP_URL: 'smtps://mailer:pw@smtp.example.com',
        SMTP_FROM: 'Rapid Rooter <voicemail@rapidrooter.example>',
        JWT_SECRET: 'jwt-secret-of-at-least-32-characters',
        REDIS_URL: 'redis://cache:6379',
        DESIGNER_DIST_DIR: '/srv/designer',
        LOG_LEVEL: 'debug',
        METRICS_TOKEN: 'scrape-token',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
        WEBHOOK_RATE_LIMIT: '5000',
        TRUST_PROXY: 'loopback, uniquelocal',
        MAX_ACTIVE_CALLS: '600',
        MAX_CALLS_PER_SECOND: '2.5',
      }),
    ).toEqual({
      databaseUrl: 'postgres://u@db:5432/x',
      temporalAddress: 't:7233',
      temporalNamespace: 'calls',
      port: 8080,
      telnyxApiKey: 'KEY0123',
      telnyxApiBaseUrl: 'https://api.telnyx.com/v2',
      telnyxPublicKey: publicKey,
      telnyxConnectionId: '2849166432170853421',
      internalApiToken: 'secret-token',
      transcriptionUrl: 'https://stt.example.com/transcribe',
      smtpUrl: 'smtps://mailer:pw@smtp.example.com',
      smtpFrom: 'Rapid Rooter <voicemail@rapidrooter.example>',
      jwtSecret: 'jwt-secret-of-at-least-32-characters',
      redisUrl: 'redis://cache:6379',
      designerDistDir: '/srv/designer',
      logLevel: 'debug',
      metricsToken: 'scrape-token',
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      webhookRateLimit: 5000,
      trustProxy: 'loopback, uniquelocal',
      maxActiveCalls: 600,
      maxCallsPerSecond: 2.5,
    });
    expect(loadConfig({ TELNYX_API_BASE_URL: 'http://127.0.0.1:8089/v2' }).telnyxApiBaseUrl).toBe('http://127.0.0.1:8089/v2');
  });

  it('rejects a PORT that is not a port number', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow('PORT must be an integer between 0 and 65535 (got "http")');
  });

  it('rejects a LOG_LEVEL pino does not know, CORS_ORIGINS that are not origins, a WEBHOOK_RATE_LIMIT or MAX_ACTIVE_CALLS that is not a count, and a MAX_CALLS_PER_SECOND that is not a rate', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")');
    for (const origin of ['app.example.com', 'https://app.example.com/', 'https://app.example.com/designer', 'ftp://files.example.com', '*']) {
      expect(() => loadConfig({ CORS_ORIGINS: `https://ok.example.com,${origin}` })).toThrow(`CORS_ORIGINS must list origins such as https://app.example.com`);
    }
    for (const limit of ['0', '-5', '2.5', 'lots']) {
      expect(() => loadConfig({ WEBHOOK_RATE_LIMIT: limit })).toThrow(`WEBHOOK_RATE_LIMIT must be a positive integer (got "${limit}")`);
      expect(() => loadConfig({ MAX_ACTIVE_CALLS: limit })).toThrow(`MAX_ACTIVE_CALLS must be a positive integer (got "${limit}")`);
    }
    for (const rate of ['0', '-0.5', 'Infinity', 'fast']) {
      expect(() => loadConfig({ MAX_CALLS_PER_SECOND: rate })).toThrow(`MAX_CALLS_PER_SECOND must be a positive number (got "${rate}")`);
    }
  });

  it('rejects a public key that is not a raw Ed25519 key in base64', () => {
    expect(() => loadConfig({ TELNYX_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----' })).toThrow('TELNYX_PUBLIC_KEY must be the raw 32-byte Ed25519 public key in base64');
  });

  it('refuses Telnyx mode without the webhook key, a real internal token or a JWT secret', () => {
    expect(() => loadConfig({ TELNYX_API_KEY: 'KEY0123', INTERNAL_API_TOKEN: 'secret' })).toThrow('TELNYX_PUBLIC_KEY is not');
    expect(() => loadConfig({ TELNYX_API_KEY: 'KEY0123', TELNYX_PUBLIC_KEY: publicKey })).toThrow('INTERNAL_API_TOKEN is not');
    expect(() => loadConfig({ TELNYX_API_KEY: 'KEY0123', TELNYX_PUBLIC_KEY: publicKey, INTERNAL_API_TOKEN: 'secret' })).toThrow(
      'JWT_SECRET is not',
    );
  });
});
