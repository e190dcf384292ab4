import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REALTIME_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@callflow/schemas';
import { Server, type Socket } from 'socket.io';
import { agentSession } from '../../test/fixtures';
import { createSessionStore, type SessionStore } from '../auth/session-store';
import { createLiveConnection, tokenExpiry, type LiveConnection } from './live-connection';

/*
 * The app's live connection against a real Socket.io server that checks tokens the way the API does: refused
 * handshakes, connections ended when their token expires, acknowledged requests.
 */

const base64url = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A token shaped like the API's (the server here only checks that it is one it handed out). */
const token = (name: string, expiresInMs: number) => `${base64url({ alg: 'HS256' })}.${base64url({ sub: name, exp: Math.floor((Date.now() + expiresInMs) / 1000) })}.signature`;

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
}

function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value) resolve(value);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('live connection', () => {
  let http: HttpServer;
  let io: Server<ClientToServerEvents, ServerToClientEvents>;
  let url: string;
  /** Tokens the server accepts. */
  const valid = new Set<string>();
  /** The token each accepted connection presented. */
  const presented: string[] = [];
  const serverSockets: Array<Socket<ClientToServerEvents, ServerToClientEvents>> = [];
  const subscriptions: string[] = [];
  let sessions: SessionStore;
  let refreshes: number;
  let connection: LiveConnection;
  let release: (() => void) | null;

  beforeAll(async () => {
    http = createServer();
    // Long polling: the tests run in jsdom, whose module resolution has no WebSocket server (browsers fall back the same way).
    io = new Server(http, { path: REALTIME_PATH, transports: ['polling'], cors: { origin: '*' } });
    io.use((socket, next) => {
      const presentedToken = socket.handshake.auth['token'] as string;
      if (!valid.has(presentedToken)) {
        next(Object.assign(new Error('Invalid or expired access token'), { data: { code: 'unauthorized' } }));
        return;
      }
      presented.push(presentedToken);
      next();
    });
    io.on('connection', (socket) => {
      serverSockets.push(socket);
      socket.on('agent.accept', (body, ack) => ack(body.offerId === 'known' ? { ok: true } : { ok: false, error: `No ring offer ${body.offerId} for you` }));
      socket.on('call.subscribe', (body, ack) => {
        subscriptions.push(body.callId);
        ack({ ok: true });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await io.close();
  });

  /** Signed in with `accessToken`; refreshing hands out `next` (which the server accepts unless told otherwise). */
  function connectAs(accessToken: string, next: () => string, { refreshAccepted = true } = {}) {
    sessions = createSessionStore(memoryStorage);
    sessions.getState().signIn(agentSession(accessToken));
    refreshes = 0;
    connection = createLiveConnection({
      sessions,
      url,
      ackTimeoutMs: 2000,
      refreshSession: async () => {
        refreshes += 1;
        const fresh = next();
        if (refreshAccepted) valid.add(fresh);
        sessions.getState().signIn(agentSession(fresh));
        return sessions.getState().session;
      },
    });
    release = connection.retain();
  }

  afterEach(() => {
    release?.();
    release = null;
    presented.length = 0;
    serverSockets.length = 0;
    subscriptions.length = 0;
  });

  it('reads the expiry of an access token', () => {
    const before = Date.now();
    const expiring = token('ann', 60_000);
    const expiry = tokenExpiry(expiring);
    // `exp` is in whole seconds: the token was made within the second after `before`.
    expect(expiry).toBeGreaterThanOrEqual(Math.floor((before + 60_000) / 1000) * 1000);
    expect(expiry).toBeLessThanOrEqual(before + 61_000);
    expect(tokenExpiry('not-a-token')).toBeNull();
  });

  it('connects with the session token, hands parsed events to listeners and drops malformed ones', async () => {
    const first = token('ann-1', 600_000);
    valid.add(first);
    connectAs(first, () => token('unused', 600_000));
    const rings: unknown[] = [];
    connection.on('agent.ring.v1', (offer) => rings.push(offer));
    await until('the connection to open', () => connection.state.getState().status === 'live');
    expect(presented).toEqual([first]);

    const offer = {
      offerId: 'call/leg-1',
      callId: '00000000-0000-4000-8000-000000000001',
      agentId: 'ann',
      caller: '+14155550123',
      flow: { id: '6f1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', name: 'Front desk' },
      queue: null,
      waitingSince: '2026-11-21T10:00:00.000Z',
      offeredAt: '2026-11-21T10:00:01.000Z',
      expiresAt: '2026-11-21T10:00:21.000Z',
    };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    serverSockets[0]!.emit('agent.ring.v1', { ...offer, caller: 42 } as never);
    serverSockets[0]!.emit('agent.ring.v1', offer);
    await until('the offer', () => rings.length === 1);
    expect(rings).toEqual([offer]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();

    expect(await connection.ask('agent.accept', { offerId: 'known' })).toEqual({ ok: true });
    expect(await connection.ask('agent.accept', { offerId: 'other' })).toEqual({ ok: false, error: 'No ring offer other for you' });
    expect(refreshes).toBe(0);
  });

  it('refreshes the session when the server refuses an expired token, then connects with the new one', async () => {
    const stale = token('ann-stale', 600_000);
    const fresh = token('ann-fresh', 600_000);
    connectAs(stale, () => fresh);
    await until('the connection to open', () => connection.state.getState().status === 'live');
    expect(refreshes).toBe(1);
    expect(presented).toEqual([fresh]);
  });

  it('presents a fresh token when its own is about to expire', async () => {
    const expiring = token('ann-expiring', 5_000);
    const fresh = token('ann-renewed', 600_000);
    valid.add(expiring);
    connectAs(expiring, () => fresh);
    await until('the connection to open', () => connection.state.getState().status === 'live');
    expect(presented).toEqual([fresh]);
  });

  it('reconnects after the server ends the connection (its token expired) and follows its calls again', async () => {
    const first = token('ann-first', 600_000);
    const second = token('ann-second', 600_000);
    valid.add(first);
    connectAs(first, () => second);
    await until('the connection to open', () => connection.state.getState().status === 'live');
    expect(await connection.follow('00000000-0000-4000-8000-000000000009')).toEqual({ ok: true });
    expect(subscriptions).toEqual(['00000000-0000-4000-8000-000000000009']);
    const reconnections: number[] = [];
    connection.onConnect(() => reconnections.push(Date.now()));

    // The server no longer accepts the first token and ends the connection, as the API does at expiry.
    valid.delete(first);
    serverSockets[0]!.disconnect(true);
    await until('the reconnection', () => presented.length === 2 && connection.state.getState().status === 'live');
    expect(presented).toEqual([first, second]);
    expect(reconnections).toHaveLength(1);
    await until('the call followed again', () => subscriptions.length === 2);
    expect(subscriptions).toEqual(['00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-000000000009']);
  });

  it('gives up when even a refreshed token is refused, and closes when the user signs out', async () => {
    connectAs(token('ann-refused', 600_000), () => token('ann-also-refused', 600_000), { refreshAccepted: false });
    await until('the connection to give up', () => connection.state.getState().status === 'signed-out');
    expect(refreshes).toBe(1);
    expect(presented).toEqual([]);
    expect(await connection.ask('agent.accept', { offerId: 'known' })).toEqual({ ok: false, error: 'Not connected to the live service; try again in a moment' });

    const good = token('ann-good', 600_000);
    valid.add(good);
    connectAs(good, () => token('unused', 600_000));
    await until('the connection to open', () => connection.state.getState().status === 'live');
    sessions.getState().signOut();
    expect(connection.state.getState().status).toBe('signed-out');
    await until('the server to see the connection close', () => serverSockets.at(-1)?.disconnected);
  });
});
