import http from 'node:http';
import net from 'node:net';

export interface Upstream {
  /** How tests name the instance (`api-1`). */
  name: string;
  port: number;
}

/** A request the balancer forwarded, and the instance that answered it (or dropped it: killed meanwhile). */
export interface ForwardedRequest {
  upstream: string;
  method: string;
  path: string;
  status: number | 'dropped';
}

/**
 * A round-robin load balancer for the API instances on this machine, as HAProxy is in the compose stack (deploy/compose):
 * each request goes to the next instance; an instance refusing connections (dead) is skipped, so the request reaches
 * another. A request an instance accepted and then dropped (killed while answering) is answered 502: it may have been
 * carried out, so only the client may retry it. A websocket upgrade is tunnelled to one instance for its lifetime and
 * closed when that instance goes away; the upgrades take turns of their own, so sockets opened one after another
 * alternate between the instances.
 */
export class LoadBalancer {
  readonly forwarded: ForwardedRequest[] = [];
  private nextRequest = 0;
  private nextUpgrade = 0;
  private readonly tunnels = new Map<net.Socket, string>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly server = http.createServer((request, response) => void this.forward(request, response));

  private constructor(private readonly upstreams: Upstream[]) {
    this.server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => this.tunnel(request, client, head));
    // Clients (the sandbox's webhooks, the workers' activities) reuse connections; so does the agent upstream.
    this.server.keepAliveTimeout = 10_000;
  }

  static async start(upstreams: Upstream[]): Promise<LoadBalancer> {
    const balancer = new LoadBalancer(upstreams);
    await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Open websocket tunnels to the named instance. */
  tunnelsTo(upstream: string): number {
    return [...this.tunnels.values()].filter((name) => name === upstream).length;
  }

  /** Requests under `pathPrefix` that the named instance answered. */
  served(upstream: string, pathPrefix = '/'): ForwardedRequest[] {
    return this.forwarded.filter((request) => request.upstream === upstream && request.path.startsWith(pathPrefix));
  }

  async close(): Promise<void> {
    for (const client of this.tunnels.keys()) client.destroy();
    this.server.closeAllConnections();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The instances in the order to try them: the next in turn first. */
  private turn(counter: 'nextRequest' | 'nextUpgrade'): Upstream[] {
    const start = this[counter]++ % this.upstreams.length;
    return [...this.upstreams.slice(start), ...this.upstreams.slice(0, start)];
  }

  private async forward(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = request.url ?? '/';
    for (const upstream of this.turn('nextRequest')) {
      const outcome = await this.send(upstream, request, body, response);
      if (outcome === 'refused') continue;
      this.forwarded.push({ upstream: upstream.name, method: request.method ?? 'GET', path, status: outcome });
      return;
    }
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end('No API instance accepts connections.');
  }

  /** Sends one request to `upstream` and relays its answer; says what happened. */
  private send(upstream: Upstream, request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): Promise<number | 'refused' | 'dropped'> {
    return new Promise((resolve) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port: upstream.port, method: request.method, path: request.url, headers: request.headers, agent: this.agent },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          answer.on('end', () => resolve(answer.statusCode ?? 502));
          answer.on('error', () => {
            response.destroy();
            resolve('dropped');
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') return resolve('refused');
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end(`${upstream.name} dropped the request: ${error.message}`);
        else response.destroy();
        resolve('dropped');
      });
      response.on('close', () => {
        if (!response.writableFinished) outgoing.destroy();
      });
      outgoing.end(body);
    });
  }

  private tunnel(request: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const candidates = this.turn('nextUpgrade');
    const attempt = (index: number): void => {
      const upstream = candidates[index];
      if (upstream === undefined) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
        return;
      }
      const server = net.connect(upstream.port, '127.0.0.1');
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && !this.tunnels.has(client)) return attempt(index + 1);
        client.destroy();
      });
      server.once('connect', () => {
        this.tunnels.set(client, upstream.name);
        const headers = [];
        for (let i = 0; i < request.rawHeaders.length; i += 2) headers.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
        server.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) server.write(head);
        server.pipe(client);
        client.pipe(server);
        server.on('close', () => client.destroy());
        client.on('close', () => {
          this.tunnels.delete(client);
          server.destroy();
        });
      });
    };
    client.on('error', () => client.destroy());
    attempt(0);
  }
}
