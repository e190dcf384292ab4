import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { REALTIME_PATH, type ClientToServerEvents, type RealtimeAck, type ServerToClientEvents } from '@callflow/schemas';
import { io, type Socket } from 'socket.io-client';
import { login, TEST_PASSWORD, uniqueEmail, type TenantLogins } from '../support/logins';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../e2e/call-stack';

type ServerEvent = keyof ServerToClientEvents;
type Payload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
type ClientEvent = keyof ClientToServerEvents;

/** A real socket.io-client connection that keeps every event it receives, in order. */
export class LiveSocket {
  readonly received: Array<{ event: string; payload: unknown }> = [];
  private disconnectReason: string | null = null;

  private constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload }));
    socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  /** Connects with `token` (none: no auth at all); rejects with the server's connect_error. */
  static connect(url: string, token: string | null): Promise<LiveSocket> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      path: REALTIME_PATH,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(token === null ? {} : { auth: { token } }),
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new LiveSocket(socket)));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  /** Every payload of `event` received so far. */
  all<E extends ServerEvent>(event: E): Array<Payload<E>> {
    return this.received.filter((entry) => entry.event === event).map((entry) => entry.payload as Payload<E>);
  }

  /** The first payload of `event` (received already or later) that `matches`. */
  next<E extends ServerEvent>(event: E, matches: (payload: Payload<E>) => boolean = () => true, timeoutMs = 20_000): Promise<Payload<E>> {
    return waitFor(`${event} on the socket`, () => this.all(event).find(matches), timeoutMs);
  }

  /** Why the connection ended, once it has (`io server disconnect`: the server ended it). */
  disconnected(timeoutMs = 20_000): Promise<string> {
    return waitFor('the socket to disconnect', () => this.disconnectReason, timeoutMs);
  }

  ask(event: ClientEvent, body: unknown): Promise<RealtimeAck> {
    return (this.socket.emitWithAck as (event: string, body: unknown) => Promise<RealtimeAck>)(event, body);
  }

  close(): void {
    this.socket.close();
  }
}

/** Where sockets reach a listening app. */
export function socketUrl(app: INestApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** One more user of the tenant, linked to `agentId` (an agent of its directory), logged in. */
export async function agentLogin(app: Pick<TestApp, 'app'>, tenant: TenantLogins, agentId: string): Promise<string> {
  const email = uniqueEmail(`agent-${agentId}`);
  await request(app.app.getHttpServer())
    .post('/api/users')
    .set(tenant.as('owner'))
    .send({ email, name: agentId, password: TEST_PASSWORD, role: 'agent', agentId })
    .expect(201);
  return (await login(app, email)).accessToken;
}
