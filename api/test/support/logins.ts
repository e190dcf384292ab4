import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROLES, type Role, type Session } from '@callflow/schemas';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Login {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** A company with one user of each role, each logged in. */
export interface TenantLogins {
  tenantId: string;
  tenantName: string;
  users: Record<Role, Login>;
  /** `Authorization` header of the user with that role. */
  as(role: Role): { authorization: string };
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID()}@example.com`;
}

export async function login(app: Pick<TestApp, 'app'>, email: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await request(app.app.getHttpServer()).post('/api/auth/login').send({ email, password }).expect(200);
  return response.body as Session;
}

/** Signs a new company up (its owner) and adds an admin, a supervisor and an agent (linked to `agentId`, if given). */
export async function createTenantWithUsers(app: Pick<TestApp, 'app'>, options: { agentId?: string; seed?: (tenantId: string) => Promise<void> } = {}): Promise<TenantLogins> {
  const server = app.app.getHttpServer();
  const tenantName = `Company ${randomUUID().slice(0, 8)}`;
  const signup = await request(server)
    .post('/api/auth/signup')
    .send({ companyName: tenantName, name: 'Owner', email: uniqueEmail('owner'), password: TEST_PASSWORD })
    .expect(201);
  const owner = signup.body as Session;
  await options.seed?.(owner.tenant.id);
  const users = { owner: toLogin(owner) } as Record<Role, Login>;
  for (const role of ROLES.filter((candidate) => candidate !== 'owner')) {
    const email = uniqueEmail(role);
    await request(server)
      .post('/api/users')
      .set('authorization', `Bearer ${owner.accessToken}`)
      .send({ email, name: role, password: TEST_PASSWORD, role, agentId: role === 'agent' ? (options.agentId ?? null) : null })
      .expect(201);
    users[role] = toLogin(await login(app, email));
  }
  return {
    tenantId: owner.tenant.id,
    tenantName,
    users,
    as: (role) => ({ authorization: `Bearer ${users[role].accessToken}` }),
  };
}

function toLogin(session: Session): Login {
  return { userId: session.user.id, email: session.user.email, accessToken: session.accessToken, refreshToken: session.refreshToken };
}
