import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { agentLegAnswered, callHangup, callInitiated, dtmfReceived, newTestCall, type WebhookBody } from '../support/telnyx-events';
import { startTestApp, type TestApp } from '../support/test-app';
import { createWebhookSigner } from '../support/webhook-signer';

const FUZZED_BODIES = 10_000;
const CONCURRENCY = 16;
/** Redeliveries of an event the API answered 503 "redeliver later" (Telnyx makes several). */
const REDELIVERIES = 3;
/** What a carrier may be answered; a 5xx would mean we crashed on its input (or asked it to redeliver junk forever). */
const ACCEPTABLE = new Set([200, 400, 401, 413]);

type Delivery = { body: string; signing: 'signed' | 'unsigned' | 'foreign key' | 'stale' };

/** Deep-replaces the value at a random path of `value` (wrong types in known event shapes). */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const [index = 0, ...rest] = path;
  const [key, child] = entries[index % entries.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? [...value] as unknown as Record<string, unknown> : { ...value };
  copy[key] = mutate(child, rest, replacement);
  return copy;
}

const knownEvent = fc.constantFrom<() => WebhookBody>(
  () => callInitiated(newTestCall('+19995550150')),
  () => dtmfReceived(newTestCall('+19995550150'), '5'),
  () => callHangup(newTestCall('+19995550150')),
  () => agentLegAnswered('call-00000000-0000-4000-8000-000000000000', 'agent-1'),
);

const strangeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('\u0000', '\ud800', 'a\u0000b', '🙂'.repeat(300), '\u202e\u200b', 'x'.repeat(20_000), "'; DROP TABLE webhook_events; --", '{{ vars.x }}'),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), strangeText, fc.constantFrom(null, true, -1, 1e308, [], {}, [[[]]]));

const bodies = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(knownEvent, fc.array(fc.nat(), { maxLength: 5 }), anyValue).map(([make, path, value]) => JSON.stringify(mutate(make(), path, value))) },
  { weight: 2, arbitrary: fc.tuple(knownEvent, fc.constantFrom('data', 'payload'), strangeText).map(([make, where, text]) => {
    const body = make();
    if (where === 'data') body.data.id = text;
    else body.data.payload.call_session_id = text;
    return JSON.stringify(body);
  }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: strangeText },
  { weight: 1, arbitrary: fc.tuple(knownEvent, fc.nat({ max: 40 })).map(([make, cut]) => JSON.stringify(make()).slice(0, -1 - cut)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'null', '[]', '{}', '{"data":null}', '{"data":{"event_type":"call.initiated"}}', '{"event_type":"call_answered","payload":{}}') },
);
const signing = fc.constantFrom<Delivery['signing']>('signed', 'signed', 'signed', 'unsigned', 'foreign key', 'stale');

describe('10,000 fuzzed webhook deliveries', () => {
  let api: TestApp;
  let url: string;

  beforeAll(async () => {
    api = await startTestApp({ webhookRateLimit: 1_000_000 });
    await api.app.listen(0, '127.0.0.1');
    // The client's idle connections outlive the pause while the bodies are generated (no reset racing a reuse).
    (api.app.getHttpServer() as Server).keepAliveTimeout = 60_000;
    url = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await api.close();
  });

  it('refuses text PostgreSQL cannot store with 400 naming where it is, and stores nothing', async () => {
    const body = callInitiated(newTestCall('+19995550151'));
    body.data.payload.call_session_id = 'a\u0000b';
    const text = JSON.stringify(body);
    const response = await fetch(`${url}/api/webhooks/telnyx`, { method: 'POST', headers: api.signer.headers(text), body: text });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('data.payload.call_session_id: contains a NUL character or an unpaired surrogate, which cannot be stored');
    expect(await api.dataSource.query('SELECT 1 FROM webhook_events WHERE event_id = $1', [body.data.id])).toEqual([]);
  });

  it('are each answered 200, 400, 401 or 413, never a 5xx, and the API still answers afterwards', async () => {
    const foreign = createWebhookSigner();
    const deliveries: Delivery[] = [
      ...fc.sample(fc.record({ body: bodies, signing }), { numRuns: FUZZED_BODIES - 4, seed: 6 }),
      // Over the body limit, signed and not, and just under it.
      { body: JSON.stringify({ data: { padding: 'x'.repeat(1024 * 1024) } }), signing: 'signed' },
      { body: 'y'.repeat(3 * 1024 * 1024), signing: 'unsigned' },
      { body: JSON.stringify({ ...callInitiated(newTestCall('+19995550150')), padding: 'z'.repeat(1000 * 1000) }), signing: 'signed' },
      { body: `[${'['.repeat(50_000)}${']'.repeat(50_000)}]`, signing: 'signed' },
    ];
    expect(deliveries).toHaveLength(FUZZED_BODIES);
    const headersFor = ({ body, signing: how }: Delivery): Record<string, string> => {
      if (how === 'unsigned') return {};
      if (how === 'foreign key') return foreign.headers(body);
      if (how === 'stale') return api.signer.headers(body, Math.floor(Date.now() / 1000) - 3600);
      return api.signer.headers(body);
    };
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const delivery = deliveries[next++]!;
          let response: Response;
          let text: string;
          try {
            // As the carrier does, an event the API asks to redeliver (Temporal or PostgreSQL too slow to answer, as
            // can happen on a loaded machine: it is not the body's fault) is delivered again a little later.
            for (let attempt = 1; ; attempt += 1) {
              response = await fetch(`${url}/api/webhooks/telnyx`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...headersFor(delivery) },
                body: delivery.body,
              });
              text = await response.text();
              if (response.status !== 503 || !text.includes('redeliver later') || attempt === REDELIVERIES + 1) break;
              await new Promise((resolve) => setTimeout(resolve, 2000));
            }
          } catch (error) {
            failures.push(`no answer (${String((error as Error).cause ?? error)}) ← ${delivery.signing} ${delivery.body.length} bytes: ${delivery.body.slice(0, 200)}`);
            continue;
          }
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (!ACCEPTABLE.has(response.status) && failures.length < 5) failures.push(`${response.status} ${text.slice(0, 300)} ← ${delivery.signing} ${delivery.body.slice(0, 300)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((status) => ACCEPTABLE.has(status))).toBe(true);
    // Each kind of answer happened: the fuzzing reached verification, parsing and processing.
    for (const status of ACCEPTABLE) expect(statuses.get(status)).toBeGreaterThan(0);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  }, 600_000);
});
