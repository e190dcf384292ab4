import type { Server as HttpServer } from 'node:http';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { REALTIME_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@callflow/schemas';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { AuthContext } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, type AppConfig } from '../config';

export interface SocketData {
  caller: AuthContext;
}
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RedisClient = ReturnType<typeof redisClient>;

/** What a refused handshake carries besides its message (`connect_error` → `error.data`). */
export const UNAUTHORIZED = { code: 'unauthorized' } as const;

/**
 * The Socket.io server on the API's own HTTP server (path /socket.io). The handshake needs a valid access token
 * (`auth: { token }`). With REDIS_URL, rooms are shared with the other API instances through the Redis streams
 * adapter; without it, this instance works alone.
 *
 * Plain socket.io rather than a Nest gateway: the refusal belongs to the handshake (Nest guards only run per
 * message), the event maps from `schemas` type both ends, and the adapter is a server option rather than a custom
 * IoAdapter that would have to be connected before `app.useWebSocketAdapter()`.
 */
@Injectable()
export class RealtimeServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Realtime');
  private io: RealtimeIo | null = null;
  private redis: RedisClient | null = null;
  private readonly connectionListeners: Array<(socket: RealtimeSocket) => void> = [];

  constructor(
    @Inject(HttpAdapterHost) private readonly httpAdapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const httpServer = this.httpAdapterHost.httpAdapter.getHttpServer() as HttpServer;
    this.redis = this.config.redisUrl === null ? null : await connectRedis(this.config.redisUrl);
    const io: RealtimeIo = new Server(httpServer, {
      path: REALTIME_PATH,
      serveClient: false,
      ...(this.redis ? { adapter: createAdapter(this.redis) } : {}),
    });
    io.use((socket, next) => {
      const token: unknown = socket.handshake.auth['token'];
      const caller = typeof token === 'string' && token !== '' ? this.auth.verifyAccessToken(token) : null;
      if (caller === null) {
        next(Object.assign(new Error(token ? 'Invalid or expired access token' : 'Missing access token: connect with auth: { token }'), { data: UNAUTHORIZED }));
        return;
      }
      socket.data.caller = caller;
      disconnectAtExpiry(socket, token as string);
      next();
    });
    io.on('connection', (socket) => {
      for (const listener of this.connectionListeners) listener(socket);
    });
    this.io = io;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const io = this.io;
    this.io = null;
    // Sockets, adapter and engine only (not io.close()): the HTTP server is Nest's to close, after this.
    if (io) {
      io.disconnectSockets(true);
      await io.of('/').adapter.close();
      io.engine.close();
    }
    await this.redis?.close();
    this.redis = null;
  }

  /** Runs for every accepted connection (its caller is in `socket.data.caller`). */
  onConnection(listener: (socket: RealtimeSocket) => void): void {
    this.connectionListeners.push(listener);
  }

  /** Sends to every socket in any of `rooms`, on every instance (a socket in several of them gets it once). */
  emit<E extends keyof ServerToClientEvents & string>(rooms: string[], event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.io?.to(rooms).emit(event, ...payload);
  }
}

function redisClient(url: string, connected: () => boolean) {
  return createClient({
    url,
    // Refused at start-up (a wrong REDIS_URL fails the start); afterwards reconnect with backoff.
    socket: { connectTimeout: 5000, reconnectStrategy: (retries, cause) => (connected() ? Math.min(100 * 2 ** retries, 5000) : cause) },
  });
}

async function connectRedis(url: string): Promise<RedisClient> {
  let connected = false;
  const client = redisClient(url, () => connected);
  client.on('error', (error: unknown) => {
    if (connected) new Logger('Realtime').warn(`Redis: ${String(error)}`);
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`REDIS_URL is set but Redis does not answer at ${url}: ${String(error)}`);
  }
  connected = true;
  return client;
}

/** Access tokens are short-lived: a socket lives no longer than its token (the client reconnects with a fresh one). */
function disconnectAtExpiry(socket: RealtimeSocket, token: string): void {
  const exp: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp;
  if (typeof exp !== 'number') return;
  const timer = setTimeout(() => socket.disconnect(true), Math.max(0, exp * 1000 - Date.now()));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
