import { ApiErrorSchema, SessionSchema, type Session } from '@callflow/schemas';
import type { z } from 'zod';
import { sessionStore, type SessionStore } from '../auth/session-store';

/** Where the REST API answers: the same origin as the app (Vite's dev server forwards it). */
export const API_BASE = '/api';

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * A refused request (or one that never got an answer: status 0). `message` is the API's explanation, `issues` name
 * the invalid fields of a 400, and `body` keeps the whole answer for routes that say more (a 422 publish refusal's
 * diagnostics, a 409 conflict's current revision).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Appended as a query string; null and undefined values are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** False for the routes that take no bearer token (login, refresh): their 401 is an answer, not an expired token. */
  authenticated?: boolean;
}

export interface HttpClientOptions {
  sessions: SessionStore;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/**
 * The REST client every page uses: sends the signed-in user's access token; when the API answers 401 (the token
 * expired), trades the refresh token for a new session once — requests failing at the same moment share that one
 * refresh, since a refresh token works only once — and repeats the request. When refreshing fails the user is
 * signed out (the route guard then shows the login page).
 */
export function createHttpClient({ sessions, baseUrl = API_BASE, fetch: fetchImpl = (...args) => fetch(...args) }: HttpClientOptions) {
  let refreshing: Promise<Session | null> | null = null;

  const url = (path: string, query?: Record<string, QueryValue>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== null && value !== undefined) params.set(key, String(value));
    const search = params.size > 0 ? `?${params}` : '';
    return `${baseUrl}${path}${search}`;
  };

  const send = (path: string, options: RequestOptions, accessToken: string | null) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
    return fetchImpl(url(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    }).catch((error: unknown) => {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, `The server cannot be reached (${(error as Error).message})`);
    });
  };

  const refreshOnce = async (refreshToken: string): Promise<Session | null> => {
    const response = await send('/auth/refresh', { method: 'POST', body: { refreshToken } }, null).catch(() => null);
    if (response === null) return null;
    if (!response.ok) {
      // Only a refused token ends the session; a server that is down does not sign anybody out.
      if (response.status === 401) sessions.getState().signOut();
      return null;
    }
    const session = SessionSchema.parse(await response.json());
    sessions.getState().signIn(session);
    return session;
  };

  /**
   * A fresh session, refreshed at most once at a time: callers arriving while a refresh runs get its result.
   * Resolves null when the session cannot be refreshed.
   */
  const refreshSession = (): Promise<Session | null> => {
    const refreshToken = sessions.getState().session?.refreshToken;
    if (refreshToken === undefined) return Promise.resolve(null);
    refreshing ??= refreshOnce(refreshToken).finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  /** The answer to a request, after one refresh-and-retry on 401; refused answers become ApiErrors. */
  const respond = async (path: string, options: RequestOptions = {}): Promise<Response> => {
    const authenticated = options.authenticated ?? true;
    const token = authenticated ? (sessions.getState().session?.accessToken ?? null) : null;
    let response = await send(path, options, token);
    if (response.status === 401 && authenticated && token !== null) {
      // Another request may have refreshed since this one was sent: then its token is used, not a second refresh.
      const current = sessions.getState().session;
      const next = current !== null && current.accessToken !== token ? current : await refreshSession();
      if (next !== null) response = await send(path, options, next.accessToken);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  };

  async function request(path: string, options?: RequestOptions): Promise<unknown>;
  async function request<S extends z.ZodType>(path: string, options: RequestOptions & { schema: S }): Promise<z.output<S>>;
  async function request(path: string, options: RequestOptions & { schema?: z.ZodType } = {}): Promise<unknown> {
    const response = await respond(path, options);
    if (response.status === 204) return undefined;
    const body: unknown = await response.json();
    if (options.schema === undefined) return body;
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, `Unexpected answer from ${path}: ${parsed.error.issues[0]?.message ?? ''}`, [], body);
    return parsed.data;
  }

  return { request, respond, refreshSession };
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const parsed = ApiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError(response.status, parsed.data.message, parsed.data.issues ?? [], body);
  return new ApiError(response.status, `${response.status} ${response.statusText || 'error'}`.trim(), [], body);
}

/** The app's client, signed in as the session in localStorage. */
export const http = createHttpClient({ sessions: sessionStore });
