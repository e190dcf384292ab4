import { generateKeyPairSync } from 'node:crypto';
import Telnyx from 'telnyx';
import { sleep, startSandbox, waitUntil, WebhookReceiver, type ReceivedWebhook, type SandboxHarness } from './sandbox-harness';

const CALLER = '+15125550143';
const NUMBER = '+14155550199';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function otherPublicKey(): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url').toString('base64');
}

describe('sandbox carrier: webhook delivery', () => {
  let sandbox: SandboxHarness;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => {
    sandbox.carrier.reset();
    sandbox.receiver.clear();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const answeredCall = () => sandbox.answeredCall(CALLER, NUMBER);

  describe('signatures', () => {
    it('signs every delivery so the official SDK verifies it with the sandbox public key', async () => {
      const { carrier, receiver } = sandbox;
      await answeredCall();
      const delivery = receiver.deliveries[0] as ReceivedWebhook;
      expect(carrier.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(delivery.verified).toBe(true);
      await expect(
        new Telnyx({ apiKey: 'x', publicKey: carrier.publicKey }).webhooks.unwrap(delivery.rawBody, { headers: delivery.headers }),
      ).resolves.toMatchObject({ data: { event_type: 'call.initiated' } });
      expect(delivery.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'telnyx-webhooks',
        'telnyx-signature-ed25519': expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
      });
      expect(Math.abs(Number(delivery.headers['telnyx-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    });

    it('fails verification with a wrong key, a tampered body or a changed timestamp', async () => {
      const { carrier, receiver } = sandbox;
      await answeredCall();
      const delivery = receiver.deliveries[0] as ReceivedWebhook;
      const wrongKey = new Telnyx({ apiKey: 'x', publicKey: otherPublicKey() });
      await expect(wrongKey.webhooks.unwrap(delivery.rawBody, { headers: delivery.headers })).rejects.toThrow();
      const rightKey = new Telnyx({ apiKey: 'x', publicKey: carrier.publicKey });
      await expect(rightKey.webhooks.unwrap(delivery.rawBody.replace(CALLER, '+15125550144'), { headers: delivery.headers })).rejects.toThrow();
      const timestamp = String(Number(delivery.headers['telnyx-timestamp']) - 1);
      await expect(
        rightKey.webhooks.unwrap(delivery.rawBody, { headers: { ...delivery.headers, 'telnyx-timestamp': timestamp } }),
      ).rejects.toThrow();
    });
  });

  describe('envelope', () => {
    it('sends the v2 envelope: UUID v4 ids, microsecond occurred_at in emission order, sorted payload keys, meta', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const call = await answeredCall();
      await telnyx.calls.actions.speak(call.callControlId, { payload: 'Hello there', voice: 'female' });
      await receiver.waitForEvent('call.speak.ended', call.callControlId);

      const events = receiver.events({ callControlId: call.callControlId });
      expect(events.map((event) => event.body.data.event_type)).toEqual([
        'call.initiated',
        'call.answered',
        'call.speak.started',
        'call.speak.ended',
      ]);
      for (const event of events) {
        const { data, meta } = event.body;
        expect(Object.keys(event.body)).toEqual(['data', 'meta']);
        expect(data.id).toMatch(UUID_V4);
        expect(data.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        expect(data.record_type).toBe('event');
        expect(meta).toEqual({ attempt: 1, delivered_to: receiver.url });
        const keys = Object.keys(data.payload);
        expect(keys).toEqual([...keys].sort());
        expect(data.payload['client_state']).toBeNull();
        expect(data.payload['connection_id']).toBe(carrier.connectionId);
      }
      const occurred = events.map((event) => event.body.data.occurred_at);
      expect([...occurred].sort()).toEqual(occurred);
      expect(new Set(occurred).size).toBe(occurred.length);
    });

    it('sends the webhooks of a call to the webhook_url given on answer', async () => {
      const { carrier, receiver, telnyx } = sandbox;
      const other = new WebhookReceiver();
      await other.start();
      other.setPublicKey(carrier.publicKey);
      try {
        const call = carrier.placeCall({ from: CALLER, to: NUMBER });
        await receiver.waitForEvent('call.initiated', call.callControlId);
        await telnyx.calls.actions.answer(call.callControlId, { webhook_url: other.url.replace('/api/', '/other/') });
        const answered = await other.waitForEvent('call.answered', call.callControlId);
        expect(answered.verified).toBe(true);
        expect(answered.body.meta.delivered_to).toBe(other.url.replace('/api/', '/other/'));
        expect(receiver.events({ type: 'call.answered' })).toHaveLength(0);
      } finally {
        await other.stop();
      }
    });
  });

  describe('retries', () => {
    it('retries a failed delivery with the same data.id and an incrementing meta.attempt, each signed', async () => {
      const { carrier, receiver } = sandbox;
      receiver.failNext(2);
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      await receiver.waitFor(() => receiver.deliveries.length === 3, 3000, 'three attempts');

      const attempts = receiver.deliveries;
      expect(new Set(attempts.map((attempt) => attempt.body.data.id)).size).toBe(1);
      expect(attempts.map((attempt) => attempt.body.meta.attempt)).toEqual([1, 2, 3]);
      expect(attempts.every((attempt) => attempt.verified)).toBe(true);
      const firstWebhook = () => carrier.callTimeline(call.callControlId)?.timeline.find((entry) => entry.kind === 'webhook');
      await waitUntil(() => firstWebhook()?.kind === 'webhook' && firstWebhook()?.delivered === true, 'the delivery is recorded');
      const webhook = firstWebhook();
      expect(webhook).toMatchObject({ type: 'call.initiated', attempts: 3, delivered: true, copiesPending: 0 });
      expect(webhook?.kind === 'webhook' && webhook.deliveries.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
    });

    it('gives up after the configured retries and says so in the timeline', async () => {
      const { carrier, receiver } = sandbox;
      receiver.failNext(10, 500);
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      const webhook = () => carrier.callTimeline(call.callControlId)?.timeline.find((entry) => entry.kind === 'webhook');
      await waitUntil(() => webhook()?.kind === 'webhook' && webhook()?.attempts === 3, 'three attempts are recorded');
      await sleep(150);
      expect(receiver.deliveries).toHaveLength(3);
      expect(webhook()).toMatchObject({ type: 'call.initiated', attempts: 3, delivered: false, copiesPending: 0 });
    });

    it('retries when nothing listens at the webhook URL', async () => {
      const { carrier } = sandbox;
      const closed = new WebhookReceiver();
      await closed.start();
      await closed.stop();
      carrier.setWebhookUrl(closed.url);
      try {
        const call = carrier.placeCall({ from: CALLER, to: NUMBER });
        const webhook = () => carrier.callTimeline(call.callControlId)?.timeline.find((entry) => entry.kind === 'webhook');
        await waitUntil(() => webhook()?.kind === 'webhook' && webhook()?.attempts === 3, 'three attempts are recorded');
        const entry = webhook();
        expect(entry).toMatchObject({ attempts: 3, delivered: false });
        expect(entry?.kind === 'webhook' && entry.deliveries[0]).toMatchObject({ status: null, error: expect.stringContaining('fetch failed') });
      } finally {
        carrier.setWebhookUrl(sandbox.receiver.url);
      }
    });
  });

  describe('fault injection', () => {
    it('delivers every event `copies` times with the same data.id', async () => {
      const { carrier, receiver } = sandbox;
      carrier.setFaults({ copies: 3 });
      const call = await answeredCall();
      await receiver.waitFor(() => receiver.events({ type: 'call.answered' }).length === 3, 3000, 'three call.answered');
      const byId = new Map<string, number>();
      for (const delivery of receiver.events({ callControlId: call.callControlId })) {
        byId.set(delivery.body.data.id, (byId.get(delivery.body.data.id) ?? 0) + 1);
      }
      expect([...byId.values()]).toEqual([3, 3]);
      expect(receiver.deliveries.every((delivery) => delivery.verified && delivery.body.meta.attempt === 1)).toBe(true);
      const attempts = () =>
        carrier
          .callTimeline(call.callControlId)
          ?.timeline.filter((entry) => entry.kind === 'webhook')
          .map((entry) => entry.kind === 'webhook' && entry.attempts);
      await waitUntil(() => JSON.stringify(attempts()) === '[3,3]', `the timeline counts 3 attempts each (${JSON.stringify(attempts())})`);
      const pending = carrier.callTimeline(call.callControlId)?.timeline.flatMap((entry) => (entry.kind === 'webhook' ? [entry.copiesPending] : []));
      expect(pending).toEqual([0, 0]);
    });

    it('duplicates with a probability, repeatably for a seed', async () => {
      const { carrier, receiver } = sandbox;
      async function copiesPerDigit(): Promise<number[]> {
        carrier.setFaults({ duplicate: 0.5, seed: 42 });
        const call = await answeredCall();
        carrier.pressDigits(call.callControlId, '1234567890');
        await receiver.waitFor(
          () => new Set(receiver.events({ type: 'call.dtmf.received' }).map((event) => event.body.data.id)).size === 10,
          3000,
          'ten digits',
        );
        await sleep(50);
        const counts = new Map<string, number>();
        for (const event of receiver.events({ type: 'call.dtmf.received' })) {
          const digit = String(event.body.data.payload['digit']);
          counts.set(digit, (counts.get(digit) ?? 0) + 1);
        }
        carrier.reset();
        receiver.clear();
        return [...'1234567890'].map((digit) => counts.get(digit) ?? 0);
      }

      const first = await copiesPerDigit();
      const second = await copiesPerDigit();
      expect(second).toEqual(first);
      expect(first).toContain(1);
      expect(first).toContain(2);
      expect(carrier.getFaults()).toMatchObject({ duplicate: 0, reorderWithinMs: 0, delayMs: 0 });
    });

    it('reorders deliveries within a window; occurred_at still gives the true order', async () => {
      const { carrier, receiver } = sandbox;
      const call = await answeredCall();
      carrier.setFaults({ reorderWithinMs: 40, seed: 7 });
      carrier.pressDigits(call.callControlId, '123456');
      await receiver.waitFor(() => receiver.events({ type: 'call.dtmf.received' }).length === 6, 3000, 'six digits');
      const events = receiver.events({ type: 'call.dtmf.received' });
      const arrived = events.map((event) => event.body.data.payload['digit']).join('');
      expect(arrived).not.toBe('123456');
      expect([...arrived].sort().join('')).toBe('123456');
      const byOccurrence = [...events].sort((a, b) => (a.body.data.occurred_at < b.body.data.occurred_at ? -1 : 1));
      expect(byOccurrence.map((event) => event.body.data.payload['digit']).join('')).toBe('123456');
    });

    it('delays every delivery by delayMs', async () => {
      const { carrier, receiver } = sandbox;
      carrier.setFaults({ delayMs: 120 });
      const call = carrier.placeCall({ from: CALLER, to: NUMBER });
      const emitted = () => carrier.callTimeline(call.callControlId)?.timeline.find((entry) => entry.kind === 'webhook');
      expect(emitted()).toMatchObject({ attempts: 0, copiesPending: 1 });
      const initiated = await receiver.waitForEvent('call.initiated', call.callControlId);
      expect(initiated.receivedAt - (emitted()?.at ?? 0)).toBeGreaterThanOrEqual(115);
      await waitUntil(() => emitted()?.kind === 'webhook' && emitted()?.copiesPending === 0, 'the delivery is settled');
    });

    it('delays only a share of the events, the same ones for a seed; the others overtake them', async () => {
      const { carrier, receiver } = sandbox;
      async function delayedDigits(): Promise<{ delayed: string; arrived: string }> {
        const call = await answeredCall();
        carrier.setFaults({ delayMs: 1000, share: 0.4, seed: 5 });
        carrier.pressDigits(call.callControlId, '1234567890');
        await receiver.waitFor(() => receiver.events({ type: 'call.dtmf.received' }).length === 10, 5000, 'ten digits');
        const emitted = new Map(
          (carrier.callTimeline(call.callControlId)?.timeline ?? []).flatMap((entry) => (entry.kind === 'webhook' ? [[entry.eventId, entry.at] as const] : [])),
        );
        const events = receiver.events({ type: 'call.dtmf.received' });
        const digit = (event: ReceivedWebhook) => String(event.body.data.payload['digit']);
        const delayed = events.filter((event) => event.receivedAt - (emitted.get(event.body.data.id) ?? 0) >= 995).map(digit).sort().join('');
        carrier.reset();
        receiver.clear();
        return { delayed, arrived: events.map(digit).join('') };
      }

      const first = await delayedDigits();
      expect(first.delayed.length).toBeGreaterThan(0);
      expect(first.delayed.length).toBeLessThan(10);
      expect(first.arrived).not.toBe('1234567890');
      expect((await delayedDigits()).delayed).toBe(first.delayed);
    });

    it('refuses a share outside 0..1', () => {
      expect(() => sandbox.carrier.setFaults({ delayMs: 100, share: 1.5 })).toThrow('Invalid delivery faults: share');
    });

    it('refuses a duplicate probability above 1, pointing at copies', () => {
      expect(() => sandbox.carrier.setFaults({ duplicate: 3 })).toThrow(
        'Invalid delivery faults: duplicate: is a probability from 0 to 1 (use copies for a fixed number of deliveries)',
      );
    });
  });
});
