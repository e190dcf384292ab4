import request from 'supertest';
import type { TraceEvent } from '@callflow/engine';
import { queueWaits } from '../../src/observability/call-metrics';
import { openSeededCall, seedTenant } from '../support/seed';
import { callInitiated, newTestCall } from '../support/telnyx-events';
import { startTestApp, type TestApp } from '../support/test-app';
import { createWebhookSigner } from '../support/webhook-signer';

/** The value of one series (`name{labels}`, labels as Prometheus writes them) in a scrape, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const at = Date.parse('2026-11-04T15:00:00Z');
const event = (seconds: number, node: string, fields: Record<string, unknown>): TraceEvent => ({ at: at + seconds * 1000, flowId: 'main', node, ...fields }) as TraceEvent;

describe('GET /metrics', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  const scrape = async (): Promise<string> => (await request(api.app.getHttpServer()).get('/metrics').expect(200)).text;

  it('serves the Prometheus text format outside /api, every series present from the start, process metrics included', async () => {
    const response = await request(api.app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = response.text;
    for (const series of [
      'callflow_webhook_events_total{result="received"}',
      'callflow_webhook_events_total{result="throttled"}',
      'callflow_webhook_verification_failures_total{reason="bad-signature"}',
      'callflow_ring_outcomes_total{outcome="declined"}',
      'callflow_queue_wait_seconds_count{outcome="abandoned"}',
    ]) {
      expect(sample(text, series)).toBe(0);
    }
    expect(sample(text, 'callflow_active_calls')).toEqual(expect.any(Number));
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect((await request(api.app.getHttpServer()).get('/api/metrics')).status).toBe(404);
  });

  it('counts calls in progress from the calls table, for every tenant', async () => {
    const tenantId = await seedTenant(api);
    await Promise.all([openSeededCall(api, tenantId, { startedAt: new Date(at) }), openSeededCall(api, tenantId, { startedAt: new Date(at) }), openSeededCall(api, tenantId, { startedAt: new Date(at) })]);
    // Other test files open and end calls in the same database meanwhile: the scrape lies between two counts.
    const count = async () => Number((await api.dataSource.query('SELECT count(*) FROM calls WHERE ended_at IS NULL'))[0].count);
    let bracketed = false;
    for (let attempt = 0; attempt < 5 && !bracketed; attempt += 1) {
      const before = await count();
      const gauge = sample(await scrape(), 'callflow_active_calls') ?? -1;
      const after = await count();
      bracketed = gauge >= Math.min(before, after) && gauge <= Math.max(before, after) && gauge >= 3;
    }
    expect(bracketed).toBe(true);
  });

  it('counts refused webhook signatures by reason, and still serves the JSON counters to workers', async () => {
    const body = JSON.stringify(callInitiated(newTestCall('+19995550111')));
    const stale = api.signer.headers(body, Math.floor(Date.now() / 1000) - 900);
    await api.postWebhook(body, { 'content-type': 'application/json' }).expect(401);
    await api.postWebhook(body, stale).expect(401);
    await api.postWebhook(body, { ...stale, 'telnyx-timestamp': 'yesterday' }).expect(401);
    await api.postWebhook(body, createWebhookSigner().headers(body)).expect(401);
    await api.postWebhook(body, { ...api.signer.headers(body), 'telnyx-signature-ed25519': 'bm90IGEgc2lnbmF0dXJl' }).expect(401);

    const text = await scrape();
    expect(sample(text, 'callflow_webhook_verification_failures_total{reason="missing-header"}')).toBe(1);
    expect(sample(text, 'callflow_webhook_verification_failures_total{reason="bad-timestamp"}')).toBe(2);
    expect(sample(text, 'callflow_webhook_verification_failures_total{reason="bad-signature"}')).toBe(2);
    expect(sample(text, 'callflow_webhook_events_total{result="rejectedSignature"}')).toBe(5);
    const json = await api.internal('get', '/api/internal/metrics').expect(200);
    expect(json.body.webhooks).toMatchObject({ received: 5, rejectedSignature: 5, processed: 0 });
  });

  it('counts queue waits and ring outcomes from the call log when the workflow reports the call ended', async () => {
    const call = await openSeededCall(api, await seedTenant(api), { startedAt: new Date(at) });
    const events: TraceEvent[] = [
      event(0, 'line', { type: 'queue.joined', queueId: 'support', position: 1, expectedWaitSecs: null }),
      event(5, 'line', { type: 'agents.rung', targets: ['Ann', 'Bob'], legs: [{ legId: 'a1', agentId: 'ann' }, { legId: 'b1', agentId: 'bob' }], timeoutSecs: 20 }),
      event(8, 'line', { type: 'agent.missed', target: 'Bob', cause: 'call_rejected', agentId: 'bob' }),
      event(42, 'line', { type: 'agent.answered', target: 'Ann', agentId: 'ann' }),
      event(300, 'line', { type: 'node.exited', port: 'answered', target: 'bye' }),
      event(301, 'bye', { type: 'call.ended', outcome: { result: 'answered', node: 'bye', reason: 'caller hung up' } }),
    ];
    await api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events }).expect(204);
    await api.internal('post', `/api/internal/calls/${call.id}/end`).send({ outcome: { result: 'answered', node: 'bye', reason: 'caller hung up' }, endedAt: at + 301_000 }).expect(204);

    const text = await scrape();
    expect(sample(text, 'callflow_queue_wait_seconds_count{outcome="answered"}')).toBe(1);
    expect(sample(text, 'callflow_queue_wait_seconds_sum{outcome="answered"}')).toBe(42);
    expect(sample(text, 'callflow_queue_wait_seconds_bucket{le="30",outcome="answered"}')).toBe(0);
    expect(sample(text, 'callflow_queue_wait_seconds_bucket{le="60",outcome="answered"}')).toBe(1);
    expect(sample(text, 'callflow_ring_outcomes_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'callflow_ring_outcomes_total{outcome="declined"}')).toBe(1);
    expect(sample(text, 'callflow_ring_outcomes_total{outcome="timeout"}')).toBe(0);
  });
});

describe('who may scrape GET /metrics', () => {
  it('without METRICS_TOKEN: this machine only, and nothing that came through a proxy', async () => {
    const api = await startTestApp();
    try {
      await request(api.app.getHttpServer()).get('/metrics').expect(200);
      const proxied = await request(api.app.getHttpServer()).get('/metrics').set('x-forwarded-for', '203.0.113.9').expect(403);
      expect(proxied.body.message).toBe('Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere');
    } finally {
      await api.close();
    }
  });

  it('with METRICS_TOKEN: the bearer token, from anywhere', async () => {
    const api = await startTestApp({ metricsToken: 'scrape-secret-0123456789' });
    try {
      const server = api.app.getHttpServer();
      expect((await request(server).get('/metrics')).status).toBe(401);
      expect((await request(server).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
      expect((await request(server).get('/metrics').set('authorization', 'scrape-secret-0123456789')).status).toBe(401);
      const scraped = await request(server).get('/metrics').set('authorization', 'Bearer scrape-secret-0123456789').set('x-forwarded-for', '203.0.113.9');
      expect(scraped.status).toBe(200);
      expect(scraped.text).toContain('callflow_active_calls');
    } finally {
      await api.close();
    }
  });
});

describe('queueWaits', () => {
  const joined = (seconds: number) => event(seconds, 'line', { type: 'queue.joined', queueId: 'support', position: 1, expectedWaitSecs: null });

  it('ends a wait at the first answer, exit of the queue node or end of the call, and leaves an open wait out', () => {
    expect(
      queueWaits([
        joined(0),
        event(10, 'line', { type: 'node.exited', port: 'timeout', target: 'vm' }),
        joined(20),
        event(50, 'line', { type: 'node.exited', port: 'callback', target: 'bye' }),
        joined(60),
        event(61, 'other', { type: 'agent.answered', target: 'Ann', agentId: 'ann' }),
        event(90, 'line', { type: 'call.ended', outcome: { result: 'abandoned', node: 'line', reason: 'caller hung up' } }),
        joined(100),
      ]),
    ).toEqual([
      { seconds: 10, outcome: 'timeout' },
      { seconds: 30, outcome: 'callback' },
      { seconds: 30, outcome: 'abandoned' },
    ]);
  });
});
