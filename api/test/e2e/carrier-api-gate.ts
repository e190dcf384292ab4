import http from 'node:http';
import net from 'node:net';

/** Whether the request is the Call Control action `action` (`dial` creates a call: POST /calls). */
function isAction(request: http.IncomingMessage, action: string): boolean {
  const path = request.url ?? '';
  return action === 'dial' ? request.method === 'POST' && path.endsWith('/calls') : path.endsWith(`/actions/${action}`);
}

/**
 * Sits between a worker and the carrier's Call Control API and relays every request. While an action is held, its
 * requests still reach the carrier (the command takes effect) but the answers are kept back: the worker is left
 * waiting on a command the carrier has already carried out, as when it dies before the answer comes. While an action
 * fails, its requests never reach the carrier and are answered 503, as by a carrier in trouble.
 */
export class CarrierApiGate {
  private held: string | null = null;
  private failing: { action: string; passing: number } | null = null;
  private readonly withheld: Array<() => void> = [];
  /** Requests of the held action that reached the carrier and wait for their answer. */
  heldRequests = 0;
  /** Requests of the failing action answered 503. */
  failedRequests = 0;

  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (this.failing !== null && isAction(request, this.failing.action) && this.failing.passing-- <= 0) {
        this.failedRequests += 1;
        response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: '10007', title: 'Service unavailable' }] }));
        return;
      }
      void this.relay(request, Buffer.concat(chunks)).then(
        ({ status, body }) => {
          const answer = () => response.writeHead(status, { 'content-type': 'application/json' }).end(body);
          if (this.held !== null && isAction(request, this.held)) {
            this.heldRequests += 1;
            this.withheld.push(answer);
          } else answer();
        },
        (error: unknown) => response.writeHead(502).end(String(error)),
      );
    });
  });

  private constructor(private readonly target: string) {}

  /** `target`: the carrier's API base URL (…/v2). */
  static async start(target: string): Promise<CarrierApiGate> {
    const gate = new CarrierApiGate(target);
    await new Promise<void>((resolve) => gate.server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  /** The base URL to give a worker as TELNYX_API_BASE_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/v2`;
  }

  /** Keeps back the answers to `action` (a Call Control action name: speak, hangup…) from now on. */
  hold(action: string): void {
    this.held = action;
  }

  /** Answers every request for `action` with 503 from now on, without passing it on, once `passing` more went through. */
  fail(action: string, { passing = 0 }: { passing?: number } = {}): void {
    this.failing = { action, passing };
  }

  /** Sends the answers kept back (to whoever still listens); holds and fails nothing more. */
  release(): void {
    this.held = null;
    this.failing = null;
    for (const answer of this.withheld.splice(0)) answer();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async relay(request: http.IncomingMessage, body: Buffer): Promise<{ status: number; body: string }> {
    const headers = Object.fromEntries(
      Object.entries(request.headers).flatMap(([name, value]) => (typeof value === 'string' && name !== 'host' && name !== 'content-length' ? [[name, value]] : [])),
    );
    const response = await fetch(`${this.target}${(request.url ?? '').replace(/^\/v2/, '')}`, {
      method: request.method,
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    return { status: response.status, body: await response.text() };
  }
}
