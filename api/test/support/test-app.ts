import type { INestApplication, LogLevel } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { INTERNAL_TOKEN_HEADER } from '@callflow/workflows';
import { createApp } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/config';
import { createWebhookSigner, type WebhookSigner } from './webhook-signer';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  signer: WebhookSigner;
  dataSource: DataSource;
  /** POSTs `body` to the webhook endpoint, signed by the app's signer unless `headers` are given. */
  postWebhook(body: unknown, headers?: Record<string, string>): request.Test;
  /** A request to /api/internal/* carrying the internal token. */
  internal(method: 'get' | 'post', path: string): request.Test;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** The API as configured from the test environment (fresh database, test namespace), with a webhook signing key of its own. */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  signer = createWebhookSigner(),
  /** Runs before init, as main.ts does for what it adds to the app (e.g. the designer's files). */
  beforeInit?: (app: INestApplication) => void,
  /** What the app logs (default: errors) and where to (default: stdout). */
  logging: { logLevels?: LogLevel[]; logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const config: AppConfig = { ...loadConfig(), telnyxPublicKey: signer.publicKey, ...overrides };
  const app = await createApp(config, logging.logLevels ?? ['error'], { logDestination: logging.logDestination });
  beforeInit?.(app);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    signer,
    dataSource: app.get(DataSource),
    postWebhook(body, headers) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return request(server).post('/api/webhooks/telnyx').set(headers ?? signer.headers(text)).send(text);
    },
    internal(method, path) {
      return request(server)[method](path).set(INTERNAL_TOKEN_HEADER, config.internalApiToken);
    },
    get: (type) => app.get(type),
    close: () => app.close(),
  };
}
