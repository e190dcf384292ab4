import { WEBHOOK_COUNTERS } from '../../src/webhooks/webhook-metrics';
import { callInitiated, newTestCall } from '../support/telnyx-events';
import { startTestApp, type TestApp } from '../support/test-app';
import { createWebhookSigner } from '../support/webhook-signer';

describe('POST /api/webhooks/telnyx: verification and parsing', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  async function storedEvents(eventId: string): Promise<number> {
    const rows: unknown[] = await api.dataSource.query('SELECT 1 FROM webhook_events WHERE event_id = $1', [eventId]);
    return rows.length;
  }

  async function metrics(): Promise<Record<(typeof WEBHOOK_COUNTERS)[number], number>> {
    const response = await api.internal('get', '/api/internal/metrics').expect(200);
    return response.body.webhooks;
  }

  it('accepts a correctly signed event and records its id (a call to an unknown number: acknowledged, nothing started)', async () => {
    const body = callInitiated(newTestCall('+19995550100'));
    const response = await api.postWebhook(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'unroutable' });
    const [row]: Array<{ status: string; attempts: number; event_type: string }> = await api.dataSource.query(
      'SELECT status, attempts, event_type FROM webhook_events WHERE event_id = $1',
      [body.data.id],
    );
    expect(row).toEqual({ status: 'processed', attempts: 1, event_type: 'call.initiated' });
  });

  it.each([
    ['another key', (text: string) => createWebhookSigner().headers(text), 'signature does not match the body and timestamp'],
    ['no signature header', (text: string) => withoutHeader(api.signer.headers(text), 'telnyx-signature-ed25519'), 'missing or repeated telnyx-signature-ed25519 header'],
    ['no timestamp header', (text: string) => withoutHeader(api.signer.headers(text), 'telnyx-timestamp'), 'missing or repeated telnyx-timestamp header'],
    ['a timestamp 10 minutes old', (text: string) => api.signer.headers(text, Math.floor(Date.now() / 1000) - 600), 'away from now (tolerance 300 s)'],
    ['a timestamp 10 minutes ahead', (text: string) => api.signer.headers(text, Math.floor(Date.now() / 1000) + 600), 'away from now (tolerance 300 s)'],
  ])('answers 401 for %s and stores nothing', async (_, headersFor, reason) => {
    const before = await metrics();
    const body = callInitiated(newTestCall('+19995550100'));
    const text = JSON.stringify(body);
    const response = await api.postWebhook(text, headersFor(text));
    expect(response.status).toBe(401);
    expect(response.body.message).toContain('Invalid webhook signature');
    expect(response.body.message).toContain(reason);
    expect(await storedEvents(body.data.id)).toBe(0);
    expect((await metrics()).rejectedSignature).toBe(before.rejectedSignature + 1);
  });

  it('answers 401 when the body was altered after signing', async () => {
    const body = callInitiated(newTestCall('+19995550100'));
    const headers = api.signer.headers(JSON.stringify(body));
    const response = await api.postWebhook(JSON.stringify({ ...body, meta: { attempt: 2 } }), headers);
    expect(response.status).toBe(401);
    expect(await storedEvents(body.data.id)).toBe(0);
  });

  it('answers 400 for a signed body that is not JSON', async () => {
    const before = await metrics();
    const response = await api.postWebhook('{"data": {"event_type": "call.initiated",');
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^Malformed JSON body: /);
    expect((await metrics()).rejectedPayload).toBe(before.rejectedPayload + 1);
  });

  it('answers 400 for the legacy v1 format, telling the admin what to change, and stores nothing', async () => {
    const legacy = { event_type: 'call_answered', created_at: '2026-11-03T15:04:05.702931Z', payload: { call_control_id: 'v2:abc', call_session_id: 's-1' } };
    const response = await api.postWebhook(legacy);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('Set webhook_api_version to "2"');
    const rows: unknown[] = await api.dataSource.query("SELECT 1 FROM webhook_events WHERE event_type = 'call_answered'");
    expect(rows).toHaveLength(0);
  });

  it('answers 400 for a known event missing a required field, naming the field', async () => {
    const body = callInitiated(newTestCall('+19995550100'));
    delete body.data.payload.call_session_id;
    const response = await api.postWebhook(body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('data.payload.call_session_id');
    expect(await storedEvents(body.data.id)).toBe(0);
  });

  it('answers 503 when no verification key is configured', async () => {
    const keyless = await startTestApp({ telnyxPublicKey: null });
    try {
      const body = callInitiated(newTestCall('+19995550100'));
      const response = await keyless.postWebhook(body);
      expect(response.status).toBe(503);
      expect(response.body.message).toContain('TELNYX_PUBLIC_KEY');
      expect(await storedEvents(body.data.id)).toBe(0);
    } finally {
      await keyless.close();
    }
  });
});

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}
