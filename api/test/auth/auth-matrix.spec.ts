import request from 'supertest';
import type { User } from '@callflow/schemas';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_PASSWORD, createTenantWithUsers, uniqueEmail, type TenantLogins } from '../support/logins';
import { invalidBodies, sendJson } from '../support/invalid-bodies';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';

let app: TestApp;
let acme: TenantLogins;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app);
});
afterAll(() => app.close());

async function newAgentUser(): Promise<string> {
  const body = { email: uniqueEmail('u'), name: 'U', password: TEST_PASSWORD, role: 'agent' };
  return ((await http().post('/api/users').set(acme.as('owner')).send(body).expect(201)).body as User).id;
}

const routes: Record<string, RouteUnderTest> = {
  'GET /auth/me': { method: 'get', path: () => '/api/auth/me', minimumRole: 'agent', okStatus: 200 },
  'GET /users': { method: 'get', path: () => '/api/users', minimumRole: 'admin', okStatus: 200 },
  'POST /users': {
    method: 'post',
    path: () => '/api/users',
    body: () => ({ email: uniqueEmail('new'), name: 'New', password: TEST_PASSWORD, role: 'agent' }),
    minimumRole: 'admin',
    okStatus: 201,
  },
  'GET /users/:id': { method: 'get', path: () => `/api/users/${acme.users.agent.userId}`, minimumRole: 'admin', okStatus: 200 },
  'PATCH /users/:id': { method: 'patch', path: newAgentUserPath, body: () => ({ name: 'Renamed' }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /users/:id': { method: 'delete', path: newAgentUserPath, minimumRole: 'admin', okStatus: 204 },
  'GET /audit': { method: 'get', path: () => '/api/audit', minimumRole: 'admin', okStatus: 200 },
};

async function newAgentUserPath(): Promise<string> {
  return `/api/users/${await newAgentUser()}`;
}

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  });
});

describe('invalid bodies', () => {
  it('POST /users answers 400 with a message to each, never 5xx, and stores nothing', async () => {
    const before = ((await http().get('/api/users').set(acme.as('owner')).expect(200)).body as User[]).length;
    const valid = { email: 'valid@example.com', name: 'Valid', password: 'x', role: 'agent' }; // short password: never valid
    for (const body of invalidBodies(valid, 100)) {
      const response = await sendJson(http().post('/api/users').set(acme.as('owner')), body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(typeof response.body.message).toBe('string');
    }
    expect(((await http().get('/api/users').set(acme.as('owner')).expect(200)).body as User[]).length).toBe(before);
  });
});
