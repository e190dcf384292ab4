import { useEffect, useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { http } from '../api/http';
import { sessionStore } from '../auth/session-store';
import { createLiveConnection, type LiveConnection, type LiveConnectionState } from './live-connection';
import type { LiveEventName, LivePayload } from './live-events';

/** The app's one live connection, signed in as the session in localStorage. */
export const liveConnection: LiveConnection = createLiveConnection({ sessions: sessionStore, refreshSession: http.refreshSession });

/** Keeps the live connection open while the calling component is mounted. */
export function useLiveConnection(connection: LiveConnection = liveConnection): LiveConnection {
  useEffect(() => connection.retain(), [connection]);
  return connection;
}

export function useLiveState(connection: LiveConnection = liveConnection): LiveConnectionState {
  return useStore(connection.state);
}

/** Calls `listener` with each parsed `event` while mounted (the latest listener, without resubscribing). */
export function useLiveEvent<E extends LiveEventName>(event: E, listener: (payload: LivePayload<E>) => void, connection: LiveConnection = liveConnection): void {
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => connection.on(event, (payload) => latest.current(payload)), [connection, event]);
}

/** Calls `listener` at every (re)connection while mounted. */
export function useOnLiveConnect(listener: () => void, connection: LiveConnection = liveConnection): void {
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => connection.onConnect(() => latest.current()), [connection]);
}
