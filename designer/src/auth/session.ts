import { SessionSchema, type Role, type Session } from '@callflow/schemas';
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { http } from '../api/http';
import { can } from './roles';
import { SESSION_STORAGE_KEY, sessionStore } from './session-store';

/** The signed-in session (null when signed out); re-renders when it changes. */
export function useSession(): Session | null {
  return useStore(sessionStore, (state) => state.session);
}

/** Whether the signed-in user's role may do what needs `minimum`. */
export function useCan(minimum: Role): boolean {
  return useStore(sessionStore, (state) => can(state.session?.user.role, minimum));
}

export async function logIn(email: string, password: string): Promise<Session> {
  const session = await http.request('/auth/login', {
    method: 'POST',
    body: { email, password },
    schema: SessionSchema,
    authenticated: false,
  });
  sessionStore.getState().signIn(session);
  return session;
}

/** Revokes the refresh token (best effort: signing out works offline too) and forgets the session. */
export async function logOut(): Promise<void> {
  const refreshToken = sessionStore.getState().session?.refreshToken;
  sessionStore.getState().signOut();
  if (refreshToken !== undefined) {
    await http.request('/auth/logout', { method: 'POST', body: { refreshToken }, authenticated: false }).catch(() => undefined);
  }
}

/** Follows other tabs of the app signing in, refreshing tokens or signing out (they share localStorage). */
export function useSessionAcrossTabs(): void {
  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY) void sessionStore.persist.rehydrate();
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);
}
