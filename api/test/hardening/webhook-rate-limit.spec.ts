import request from 'supertest';
import { callInitiated, newTestCall } from '../support/telnyx-events';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The limit counts arrivals within one second: the counted requests must not wait behind the app's first request (route
 * compilation, first database and Temporal round trips), which on a busy machine can take longer than that.
 */
async function warmedUp(api: TestApp): Promise<TestApp> {
  await request(api.app.getHttpServer()).get('/api/health');
  return api;
}

describe('webhook rate limit per source address', () => {
  it('answers 429 with Retry-After beyond WEBHOOK_RATE_LIMIT a second from one address, counted, before any verification', async () => {
    const api = await warmedUp(await startTestApp({ webhookRateLimit: 3 }));
    try {
      // Sent at once: well within one second's window.
      const statuses = await Promise.all(Array.from({ length: 5 }, () => api.postWebhook(callInitiated(newTestCall('+19995550101'))).then((response) => response)));
      const throttled = statuses.filter((response) => response.status === 429);
      expect(statuses.map((response) => response.status).sort()).toEqual([200, 200, 200, 429, 429]);
      expect(Number(throttled[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const counters = (await api.internal('get', '/api/internal/metrics').expect(200)).body.webhooks;
      expect(counters).toMatchObject({ received: 3, throttled: 2, processed: 3 });
    } finally {
      await api.close();
    }
  });

  it('keeps one budget per client address behind a trusted proxy (TRUST_PROXY), and one for all without', async () => {
    const trusting = await warmedUp(await startTestApp({ webhookRateLimit: 2, trustProxy: 'loopback' }));
    const plain = await warmedUp(await startTestApp({ webhookRateLimit: 2 }));
    try {
      const post = (api: typeof plain, client: string) => {
        const text = JSON.stringify(callInitiated(newTestCall('+19995550102')));
        return request(api.app.getHttpServer()).post('/api/webhooks/telnyx').set(api.signer.headers(text)).set('x-forwarded-for', client).send(text);
      };
      const clients = ['198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.2', '198.51.100.3'];
      expect((await Promise.all(clients.map((client) => post(trusting, client)))).map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      // One after the other, so the third is the one over the shared budget.
      const untrusted: number[] = [];
      for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) untrusted.push((await post(plain, client)).status);
      expect(untrusted).toEqual([200, 200, 429]);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });
});
