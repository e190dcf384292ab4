import request from 'supertest';
import { createTenantWithUsers } from '../support/logins';
import { callInitiated, newTestCall } from '../support/telnyx-events';
import { startTestApp, type TestApp } from '../support/test-app';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { logLines } from './log-lines';

describe('API logs: one JSON object per line with the ids of the request', () => {
  const log = logLines();
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({}, undefined, undefined, { logLevels: ['log', 'warn', 'error'], logDestination: log });
  });

  afterAll(async () => {
    await api.close();
  });

  it('logs each request with its id (echoed to the caller), the caller’s tenant and user, and never its headers', async () => {
    const tenant = await createTenantWithUsers(api);
    const response = await request(api.app.getHttpServer()).get('/api/flows').set(tenant.as('admin')).set('x-request-id', 'trace-me-42').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-me-42');
    const line = log.lines.find((candidate) => candidate.requestId === 'trace-me-42');
    expect(line).toMatchObject({
      level: 'info',
      service: 'callflow-api',
      msg: 'request completed',
      tenantId: tenant.tenantId,
      userId: expect.any(String),
      req: { method: 'GET', url: '/api/flows' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    const token = String(tenant.as('admin').authorization).split(' ')[1]!;
    expect(JSON.stringify(log.lines)).not.toContain(token);
  });

  it('gives a request without a usable id one of its own', async () => {
    const response = await request(api.app.getHttpServer()).get('/api/flows').set('x-request-id', 'not a sane id {}').expect(401);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(log.lines.find((line) => line.requestId === response.headers['x-request-id'])).toMatchObject({ level: 'warn', res: { statusCode: 401 } });
  });

  it('writes what a webhook delivery logs with the event’s ids', async () => {
    const call = newTestCall('+19995550177');
    const body = callInitiated(call);
    await api.postWebhook(body).expect(200);
    // A call to a number nobody has: the router says so, with the event's ids on the line.
    const line = log.lines.find((candidate) => candidate.eventId === body.data.id && candidate.context === 'TelnyxWebhook');
    expect(line).toMatchObject({ level: 'warn', eventType: 'call.initiated', callSessionId: call.callSessionId, callControlId: call.callControlId, requestId: expect.any(String) });
    expect(line?.msg).toContain('is not one of our numbers');
  });

  it('writes Nest’s own messages through the same logger', async () => {
    const startup = logLines();
    const app = await createApp({ ...loadConfig(), logLevel: 'info' }, undefined, { logDestination: startup });
    await app.init();
    await app.close();
    expect(startup.lines).toContainEqual(expect.objectContaining({ level: 'info', service: 'callflow-api', context: 'NestApplication', msg: 'Nest application successfully started' }));
    expect(startup.lines.every((line) => typeof line.time === 'string' && typeof line.msg === 'string')).toBe(true);
  });
});
