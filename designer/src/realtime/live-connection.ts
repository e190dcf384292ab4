import { REALTIME_PATH, RealtimeAckSchema, type ClientToServerEvents, type RealtimeAck, type ServerToClientEvents, type Session } from '@callflow/schemas';
import { io, type Socket } from 'socket.io-client';
import { createStore } from 'zustand';
import type { SessionStore } from '../auth/session-store';
import { LIVE_EVENT_NAMES, parseLiveEvent, type LiveEventName, type LivePayload } from './live-events';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * idle: nobody needs live state; connecting: first attempt; live: connected; reconnecting: lost, trying again;
 * signed-out: no session to connect with (or it could not be refreshed).
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'signed-out';

export interface LiveConnectionState {
  status: LiveStatus;
  /** Why the last attempt failed, while not live. */
  problem: string | null;
}

export type ClientRequest = keyof ClientToServerEvents;
type RequestBody<E extends ClientRequest> = Parameters<ClientToServerEvents[E]>[0];

export interface LiveConnectionOptions {
  sessions: SessionStore;
  /** Trades the refresh token for a new session (the REST client's, so both share one refresh at a time). */
  refreshSession(): Promise<Session | null>;
  /** Where the API answers; the page's own origin by default. */
  url?: string;
  /** How long an acknowledgement may take. */
  ackTimeoutMs?: number;
  /** How soon before its expiry an access token is refreshed rather than presented. */
  refreshMarginMs?: number;
  now?: () => number;
  connect?: (url: string | undefined, options: Parameters<typeof io>[1]) => LiveSocket;
}

export type LiveConnection = ReturnType<typeof createLiveConnection>;

/** Epoch ms at which a JWT expires, or null when it says nothing (or is not a JWT). */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp: unknown = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

const isUnauthorized = (error: Error & { data?: unknown }) => (error.data as { code?: unknown } | undefined)?.code === 'unauthorized';

/**
 * The one Socket.io connection of the app. It connects while anything retains it and a user is signed in, presents
 * the session's access token, and when the server refuses or ends the connection because the token expired, refreshes
 * the session and connects again. Events are parsed with their schemas before listeners see them; requests to the
 * server resolve with their acknowledgement (or a refusal saying why there was none).
 */
export function createLiveConnection({
  sessions,
  refreshSession,
  url,
  ackTimeoutMs = 10_000,
  refreshMarginMs = 15_000,
  now = () => Date.now(),
  connect = io,
}: LiveConnectionOptions) {
  const state = createStore<LiveConnectionState>()(() => ({ status: 'idle', problem: null }));
  const listeners = new Map<LiveEventName, Set<(payload: never) => void>>();
  const connectListeners = new Set<() => void>();
  /** Calls followed with call.subscribe: rooms are per connection, so each new connection asks again. */
  const followedCalls = new Map<string, number>();
  let retained = 0;
  let socket: LiveSocket | null = null;
  /** Consecutive refusals of a freshly refreshed token: a second one means refreshing does not help. */
  let refusedAfterRefresh = 0;

  const setStatus = (status: LiveStatus, problem: string | null = null) => state.setState({ status, problem });

  const accessToken = () => sessions.getState().session?.accessToken ?? null;

  /** A token worth presenting: the current one, or a refreshed one when it is about to expire. */
  async function usableToken(): Promise<string | null> {
    const token = accessToken();
    if (token === null) return null;
    const expiry = tokenExpiry(token);
    if (expiry === null || expiry - now() > refreshMarginMs) return token;
    return (await refreshSession())?.accessToken ?? null;
  }

  async function open(live: LiveSocket, refreshFirst: boolean): Promise<void> {
    const token = refreshFirst ? ((await refreshSession())?.accessToken ?? null) : await usableToken();
    if (socket !== live) return;
    if (token === null) {
      setStatus('signed-out', 'Signed out: sign in again to see live updates');
      return;
    }
    live.connect();
  }

  function createSocket(): LiveSocket {
    const live = connect(url, {
      path: REALTIME_PATH,
      autoConnect: false,
      // Read at every attempt, so automatic reconnections present the latest token.
      auth: (callback) => callback({ token: accessToken() ?? '' }),
    });
    for (const event of LIVE_EVENT_NAMES) {
      live.on(event, (payload: unknown) => {
        const parsed = parseLiveEvent(event, payload);
        if (parsed === null) {
          console.warn(`Ignored a ${event} event that does not match its schema`, payload);
          return;
        }
        for (const listener of listeners.get(event) ?? []) (listener as (value: typeof parsed) => void)(parsed);
      });
    }
    live.on('connect', () => {
      refusedAfterRefresh = 0;
      setStatus('live');
      for (const callId of followedCalls.keys()) void ask('call.subscribe', { callId });
      for (const listener of connectListeners) listener();
    });
    live.on('connect_error', (error) => {
      if (socket !== live) return;
      if (!isUnauthorized(error)) {
        // The manager retries by itself (network trouble, server restarting).
        setStatus('reconnecting', error.message);
        return;
      }
      refusedAfterRefresh += 1;
      if (refusedAfterRefresh > 1) {
        setStatus('signed-out', error.message);
        return;
      }
      setStatus('reconnecting', 'Access token expired; refreshing');
      void open(live, true);
    });
    live.on('disconnect', (reason) => {
      if (socket !== live) return;
      setStatus('reconnecting', `Connection lost (${reason})`);
      // The server ends a connection when its token expires; socket.io does not reconnect those by itself.
      if (reason === 'io server disconnect') void open(live, false);
    });
    return live;
  }

  function start(): void {
    if (socket !== null) return;
    socket = createSocket();
    setStatus('connecting');
    void open(socket, false);
  }

  function stop(status: LiveStatus): void {
    const live = socket;
    socket = null;
    live?.removeAllListeners();
    live?.disconnect();
    setStatus(status);
  }

  // Signing out closes the connection; signing in (again) opens one if anything needs it.
  sessions.subscribe((current, previous) => {
    if (current.session === null && previous.session !== null) stop(retained > 0 ? 'signed-out' : 'idle');
    else if (current.session !== null && previous.session === null && retained > 0) start();
  });

  /** Sends a request and resolves with the server's acknowledgement. */
  async function ask<E extends ClientRequest>(event: E, body: RequestBody<E>): Promise<RealtimeAck> {
    const live = socket;
    if (live === null || !live.connected) return { ok: false, error: 'Not connected to the live service; try again in a moment' };
    try {
      const withTimeout = live.timeout(ackTimeoutMs) as unknown as { emitWithAck(name: E, payload: RequestBody<E>): Promise<unknown> };
      const parsed = RealtimeAckSchema.safeParse(await withTimeout.emitWithAck(event, body));
      return parsed.success ? parsed.data : { ok: false, error: `Unexpected answer to ${event}` };
    } catch {
      return { ok: false, error: `No answer to ${event} from the server; try again` };
    }
  }

  return {
    state,
    /** Keeps the connection open until the returned function is called (React effects retain it while mounted). */
    retain(): () => void {
      retained += 1;
      if (retained === 1 && sessions.getState().session !== null) start();
      else if (retained === 1) setStatus('signed-out');
      let released = false;
      return () => {
        if (released) return;
        released = true;
        retained -= 1;
        if (retained === 0) stop('idle');
      };
    },
    /** Parsed payloads of `event`; returns the unsubscribe function. */
    on<E extends LiveEventName>(event: E, listener: (payload: LivePayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    /** Runs at every (re)connection: live events sent while disconnected are lost, so state is read again then. */
    onConnect(listener: () => void): () => void {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },
    /** Receives one call's events (supervisors, or an agent on that call) until `unfollow`; survives reconnections. */
    async follow(callId: string): Promise<RealtimeAck> {
      followedCalls.set(callId, (followedCalls.get(callId) ?? 0) + 1);
      // Not connected yet: the subscription is asked for as soon as the connection opens.
      if (followedCalls.get(callId) !== 1 || socket?.connected !== true) return { ok: true };
      return ask('call.subscribe', { callId });
    },
    async unfollow(callId: string): Promise<void> {
      const count = (followedCalls.get(callId) ?? 0) - 1;
      if (count > 0) {
        followedCalls.set(callId, count);
        return;
      }
      followedCalls.delete(callId);
      await ask('call.unsubscribe', { callId });
    },
    ask,
  };
}
