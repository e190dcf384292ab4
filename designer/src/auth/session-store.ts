import { SessionSchema, type Session } from '@callflow/schemas';
import { createStore } from 'zustand';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';

/** Where the session is kept between visits (one key in localStorage). */
export const SESSION_STORAGE_KEY = 'callflow.session';

export interface SessionState {
  /** The signed-in user with their tokens; null when signed out. */
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * The session, persisted in the storage `getStorage` returns (read when the store is made; without one the session
 * lives in memory only). A stored value that is not a session (older format, edited by hand) is dropped.
 */
export function createSessionStore(getStorage: () => StateStorage) {
  return createStore<SessionState>()(
    persist(
      (set) => ({
        session: null,
        signIn(session) {
          set({ session });
        },
        signOut() {
          set({ session: null });
        },
      }),
      {
        name: SESSION_STORAGE_KEY,
        storage: createJSONStorage(getStorage),
        partialize: (state) => ({ session: state.session }),
        merge: (persisted, current) => {
          const stored = SessionSchema.safeParse((persisted as { session?: unknown } | undefined)?.session);
          return { ...current, session: stored.success ? stored.data : null };
        },
      },
    ),
  );
}

/** The app's session, kept in localStorage. */
export const sessionStore = createSessionStore(() => window.localStorage);
