import type { INestApplication } from '@nestjs/common';
import { findFreePort } from '@callflow/deploy';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';

describe('GET /api/health', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(config: AppConfig): Promise<INestApplication> {
    app = await createApp(config, ['error', 'warn']);
    await app.init();
    return app;
  }

  it('answers 200 with database latency and the Temporal address when both are up', async () => {
    const config = loadConfig();
    const server = await start(config);

    const response = await request(server.getHttpServer()).get('/api/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { ok: true, latencyMs: expect.any(Number) },
      temporal: { ok: true, address: config.temporalAddress, namespace: config.temporalNamespace },
    });
  });

  it('answers 503 naming Temporal when nothing listens at TEMPORAL_ADDRESS', async () => {
    const closedPort = await findFreePort();
    const config = { ...loadConfig(), temporalAddress: `127.0.0.1:${closedPort}` };
    const server = await start(config);

    const started = Date.now();
    const response = await request(server.getHttpServer()).get('/api/health');

    expect(response.status).toBe(503);
    expect(response.body.status).toBe('degraded');
    expect(response.body.database.ok).toBe(true);
    expect(response.body.temporal).toMatchObject({ ok: false, address: `127.0.0.1:${closedPort}` });
    expect(response.body.temporal.error).toContain(`Temporal at 127.0.0.1:${closedPort}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
