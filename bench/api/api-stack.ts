import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { dropDatabase, ensureDatabase, redactUrl, resolvePostgres, withDatabase } from '@callflow/deploy';
import { createApp } from '../../api/src/app';
import { loadConfig, type AppConfig } from '../../api/src/config';
import { migrate } from '../../api/src/database/migrate';
import { serveDesigner } from '../../api/src/web/designer-assets';
import type { Cleanups } from '../calls/local-stack';

/** Nothing listens here: the API's Temporal client connects lazily, and no measured route uses Temporal. */
const NO_TEMPORAL = '127.0.0.1:1';

export interface ApiStack {
  app: INestApplication;
  config: AppConfig;
  baseUrl: string;
  description: string[];
}

/**
 * A fresh migrated PostgreSQL database (dropped at exit) and the API listening on a free port, in this process; with
 * `designerDistDir` it also serves that designer build, as `npm start` does.
 */
export async function startApiStack(cleanups: Cleanups, log: (message: string) => void, options: { designerDistDir?: string } = {}): Promise<ApiStack> {
  const postgres = await resolvePostgres({ log });
  cleanups.add('PostgreSQL', postgres.stop);
  const databaseUrl = withDatabase(postgres.url, `callflow_bench_api_${randomBytes(5).toString('hex')}`);
  await ensureDatabase(databaseUrl);
  cleanups.add(`database ${new URL(databaseUrl).pathname.slice(1)}`, () => dropDatabase(databaseUrl));
  await migrate(databaseUrl);
  const config: AppConfig = { ...loadConfig({}), databaseUrl, temporalAddress: NO_TEMPORAL, port: 0, internalApiToken: randomBytes(24).toString('hex') };
  // Errors only (Nest writes them to stderr): stdout ends with the report.
  const app = await createApp(config, ['error']);
  cleanups.add('API', () => app.close());
  if (options.designerDistDir !== undefined) serveDesigner(app, options.designerDistDir);
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    app,
    config,
    baseUrl,
    description: [`PostgreSQL ${redactUrl(databaseUrl)} (${postgres.origin}, fresh database, dropped at exit)`, `API in this process (pid ${process.pid}) on ${baseUrl}`],
  };
}

/** JSON over HTTP to the API, with the caller's bearer token; throws on an unexpected status. */
export async function api<T>(
  stack: ApiStack,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { token?: string; body?: unknown; expect?: number; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (response.status !== (options.expect ?? 200)) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
