import { SessionSchema, type Session } from '@callflow/schemas';
import { DEMO_PASSWORD } from './browser';
import { stackInfo } from './stack';

/** The REST API of the stack, for setting up what a spec is not about (not for what it checks). */
export async function apiSession(email: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await fetch(`${stackInfo().baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login as ${email} answered ${response.status}: ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

export async function apiRequest<T>(session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stackInfo().baseUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${session.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
