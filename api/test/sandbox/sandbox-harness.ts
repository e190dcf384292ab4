import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';
import { parseTelnyxWebhook } from '@callflow/schemas';
import { createSandboxCarrier, type CallIds, type PlaceCallRequest, type SandboxCarrier, type SandboxCarrierOptions } from '../../src/sandbox';

/** One webhook delivery as the receiver got it. */
export interface ReceivedWebhook {
  rawBody: string;
  headers: Record<string, string>;
  body: {
    data: { event_type: string; id: string; occurred_at: string; payload: Record<string, unknown>; record_type: string };
    meta: { attempt: number; delivered_to: string };
  };
  /** Whether `new Telnyx({ publicKey }).webhooks.unwrap` accepted it. */
  verified: boolean;
  /** parseTelnyxWebhook's refusal, if the product's schemas refused the body. */
  schemaError: string | null;
  receivedAt: number;
}

/** A node:http webhook receiver that verifies every delivery with the official SDK. */
export class WebhookReceiver {
  readonly deliveries: ReceivedWebhook[] = [];
  url = '';
  private server: Server | null = null;
  private publicKey = '';
  private failuresLeft = 0;
  private failStatus = 503;
  private waiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.receive(req).then((status) => res.writeHead(status).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/webhooks/telnyx`;
  }

  setPublicKey(publicKey: string): void {
    this.publicKey = publicKey;
  }

  /** The next `count` deliveries are answered with `status` (default 503). */
  failNext(count: number, status = 503): void {
    this.failuresLeft = count;
    this.failStatus = status;
  }

  /** Events (first attempts and retries alike) in arrival order. */
  events(filter?: { type?: string; callControlId?: string }): ReceivedWebhook[] {
    return this.deliveries.filter(
      (delivery) =>
        (filter?.type === undefined || delivery.body.data.event_type === filter.type) &&
        (filter?.callControlId === undefined || delivery.body.data.payload['call_control_id'] === filter.callControlId),
    );
  }

  types(callControlId?: string): string[] {
    return this.events({ callControlId }).map((delivery) => delivery.body.data.event_type);
  }

  /** Resolves with the first delivery matching, waiting up to `timeoutMs`. */
  async waitFor(
    predicate: (delivery: ReceivedWebhook) => boolean,
    timeoutMs = 3000,
    description = 'a matching webhook',
  ): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.deliveries.find(predicate);
      if (found !== undefined) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`Timed out waiting for ${description}; received: ${this.deliveries.map((d) => d.body.data.event_type).join(', ')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForEvent(type: string, callControlId?: string, timeoutMs = 3000): Promise<ReceivedWebhook> {
    return this.waitFor(
      (delivery) =>
        delivery.body.data.event_type === type &&
        (callControlId === undefined || delivery.body.data.payload['call_control_id'] === callControlId),
      timeoutMs,
      `${type}${callControlId === undefined ? '' : ` on ${callControlId}`}`,
    );
  }

  clear(): void {
    this.deliveries.length = 0;
    this.failuresLeft = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  private async receive(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
    );
    let verified = true;
    try {
      await new Telnyx({ apiKey: 'unused', publicKey: this.publicKey }).webhooks.unwrap(rawBody, { headers });
    } catch {
      verified = false;
    }
    const body = JSON.parse(rawBody) as ReceivedWebhook['body'];
    const parsed = parseTelnyxWebhook(body);
    this.deliveries.push({ rawBody, headers, body, verified, schemaError: parsed.ok ? null : parsed.message, receivedAt: Date.now() });
    for (const wake of this.waiters.splice(0)) wake();
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return this.failStatus;
    }
    return 200;
  }
}

export interface SandboxHarness {
  carrier: SandboxCarrier;
  receiver: WebhookReceiver;
  /** `http://127.0.0.1:<port>/sandbox` — the router is mounted there, as in the API. */
  baseUrl: string;
  /** The official SDK pointed at the sandbox, as the worker builds it. */
  telnyx: Telnyx;
  /** A simulated inbound call `from` → `to`, answered through the SDK, once `call.answered` has arrived. */
  answeredCall(from: string, to: string, script?: PlaceCallRequest['script']): Promise<CallIds>;
  close(): Promise<void>;
}

/**
 * A real HTTP server that mounts the carrier's router at `/sandbox` (stripping the prefix as Express
 * does), a webhook receiver, and an SDK client.
 */
export async function startSandbox(options: Partial<SandboxCarrierOptions> = {}): Promise<SandboxHarness> {
  const receiver = new WebhookReceiver();
  await receiver.start();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/sandbox`;
  const carrier = createSandboxCarrier({
    speed: 0.01,
    // 3 s of wall-clock time: the first test of a file may answer slowly on a loaded machine.
    firstCommandTimeoutSecs: 300,
    webhookRetryDelaysMs: [20, 40],
    publicBaseUrl: baseUrl,
    ...options,
    webhookUrl: options.webhookUrl ?? receiver.url,
  });
  receiver.setPublicKey(carrier.publicKey);
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/sandbox/')) {
      req.url = req.url.slice('/sandbox'.length);
      carrier.router(req, res);
    } else {
      res.writeHead(404).end();
    }
  });
  const telnyx = new Telnyx({ apiKey: 'KEY_sandbox', baseURL: `${baseUrl}/telnyx/v2`, maxRetries: 0 });
  return {
    carrier,
    receiver,
    baseUrl,
    telnyx,
    async answeredCall(from, to, script = []) {
      const call = carrier.placeCall({ from, to, script });
      await receiver.waitForEvent('call.initiated', call.callControlId);
      await telnyx.calls.actions.answer(call.callControlId, {});
      await receiver.waitForEvent('call.answered', call.callControlId);
      return call;
    },
    async close() {
      carrier.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await receiver.stop();
    },
  };
}

/** Polls `condition` until it holds (the sandbox records an attempt only once the receiver's answer is back). */
export async function waitUntil(condition: () => boolean, description: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${description}`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Telnyx error body of a rejected SDK call. */
export async function telnyxError(promise: Promise<unknown>): Promise<{ status: number; code: string; title: string }> {
  try {
    await promise;
  } catch (error) {
    const apiError = error as { status?: number; error?: { errors?: { code: string; title: string }[] } };
    const first = apiError.error?.errors?.[0];
    if (apiError.status === undefined || first === undefined) throw error;
    return { status: apiError.status, code: first.code, title: first.title };
  }
  throw new Error('Expected the request to fail');
}
