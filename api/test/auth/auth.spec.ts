import request from 'supertest';
import type { AuditEntry, Session, User } from '@callflow/schemas';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_PASSWORD, createTenantWithUsers, login, uniqueEmail, type TenantLogins } from '../support/logins';

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  [acme, globex] = await Promise.all([createTenantWithUsers(app), createTenantWithUsers(app)]);
});
afterAll(() => app.close());

describe('sessions', () => {
  it('logs in with e-mail (any case) and password, and names the user, role and company', async () => {
    const session = await login(app, acme.users.admin.email.toUpperCase());
    expect(session.user).toMatchObject({ email: acme.users.admin.email, role: 'admin', tenantId: acme.tenantId });
    expect(session.tenant).toEqual({ id: acme.tenantId, name: acme.tenantName });
    const me = await http().get('/api/auth/me').set('authorization', `Bearer ${session.accessToken}`).expect(200);
    expect((me.body as User).id).toBe(acme.users.admin.userId);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await http().post('/api/auth/login').send({ email: acme.users.agent.email, password: 'not the password' }).expect(401);
    const unknown = await http().post('/api/auth/login').send({ email: uniqueEmail('nobody'), password: TEST_PASSWORD }).expect(401);
    expect(wrong.body.message).toBe('Wrong e-mail or password');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('refuses requests without a token, with a forged one, or with a malformed header', async () => {
    await http().get('/api/auth/me').expect(401);
    await http().get('/api/auth/me').set('authorization', 'Bearer not.a.jwt').expect(401);
    const [header, payload] = acme.users.owner.accessToken.split('.');
    await http().get('/api/auth/me').set('authorization', `Bearer ${header}.${payload}.forgedsignature`).expect(401);
    await http().get('/api/auth/me').set('authorization', acme.users.owner.accessToken).expect(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole login', async () => {
    const first = await login(app, acme.users.supervisor.email);
    const second = (await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body as Session;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().get('/api/auth/me').set('authorization', `Bearer ${second.accessToken}`).expect(200);

    const replay = await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(replay.body.message).toContain('already used');
    // The replay revoked the family: the token issued by the legitimate refresh is dead too.
    await http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('logout revokes the refresh token', async () => {
    const session = await login(app, acme.users.supervisor.email);
    await http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    await http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('limits login attempts per address and e-mail', async () => {
    const email = uniqueEmail('target');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      statuses.push((await http().post('/api/auth/login').send({ email, password: 'guess' })).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another user from the same address is not locked out.
    await login(app, acme.users.agent.email);
  });

  it('refuses a second account with the same e-mail', async () => {
    const response = await http()
      .post('/api/auth/signup')
      .send({ companyName: 'Copycat', name: 'X', email: acme.users.owner.email, password: TEST_PASSWORD })
      .expect(409);
    expect(response.body.message).toContain('already exists');
  });
});

describe('users and roles', () => {
  it('lets admins manage users, and no one below admin', async () => {
    await http().get('/api/users').set(acme.as('supervisor')).expect(403);
    await http().get('/api/users').set(acme.as('agent')).expect(403);
    const listed = (await http().get('/api/users').set(acme.as('admin')).expect(200)).body as User[];
    expect(listed.map((user) => user.role).sort()).toEqual(['admin', 'agent', 'owner', 'supervisor']);
    expect(listed.every((user) => user.tenantId === acme.tenantId && !('passwordHash' in user))).toBe(true);
  });

  it('names each invalid field', async () => {
    const response = await http().post('/api/users').set(acme.as('admin')).send({ email: 'nope', name: '', password: 'short', role: 'root' }).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['email', 'name', 'password', 'role']);
  });

  it('refuses text PostgreSQL cannot store, naming the field, whatever the route', async () => {
    const response = await http().post('/api/users').set(acme.as('admin')).send({ email: uniqueEmail('n'), name: 'Nul\u0000', password: TEST_PASSWORD, role: 'agent' }).expect(400);
    expect(response.body.issues).toEqual([{ path: 'name', message: 'contains a NUL character or an unpaired surrogate, which cannot be stored' }]);
    await http().get('/api/agents/ann%00').set(acme.as('owner')).expect(404);
    await http().get('/api/users/%00').set(acme.as('owner')).expect(404);
  });

  it('answers 404 for another company\'s users and changes nothing', async () => {
    const theirs = globex.users.agent.userId;
    await http().get(`/api/users/${theirs}`).set(acme.as('owner')).expect(404);
    await http().patch(`/api/users/${theirs}`).set(acme.as('owner')).send({ role: 'admin' }).expect(404);
    await http().delete(`/api/users/${theirs}`).set(acme.as('owner')).expect(404);
    await http().get('/api/users/not-a-uuid').set(acme.as('owner')).expect(404);
    const still = (await http().get(`/api/users/${theirs}`).set(globex.as('owner')).expect(200)).body as User;
    expect(still.role).toBe('agent');
  });

  it('audits role changes and ends the changed user\'s sessions', async () => {
    const email = uniqueEmail('promoted');
    const created = (await http().post('/api/users').set(acme.as('admin')).send({ email, name: 'P', password: TEST_PASSWORD, role: 'agent' }).expect(201)).body as User;
    const session = await login(app, email);
    const updated = (await http().patch(`/api/users/${created.id}`).set(acme.as('admin')).send({ role: 'supervisor' }).expect(200)).body as User;
    expect(updated.role).toBe('supervisor');
    await http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);

    const audit = (await http().get('/api/audit?action=user.role_changed').set(acme.as('owner')).expect(200)).body as AuditEntry[];
    expect(audit[0]).toMatchObject({ userId: acme.users.admin.userId, targetId: created.id, details: { from: 'agent', to: 'supervisor' } });
    const theirs = (await http().get('/api/audit').set(globex.as('owner')).expect(200)).body as AuditEntry[];
    expect(theirs.some((entry) => entry.targetId === created.id)).toBe(false);
  });

  it('keeps owners in the hands of owners, and always one owner', async () => {
    await http().patch(`/api/users/${acme.users.owner.userId}`).set(acme.as('admin')).send({ role: 'agent' }).expect(403);
    await http().post('/api/users').set(acme.as('admin')).send({ email: uniqueEmail('o'), name: 'O', password: TEST_PASSWORD, role: 'owner' }).expect(403);
    await http().patch(`/api/users/${acme.users.owner.userId}`).set(acme.as('owner')).send({ role: 'admin' }).expect(409);
    await http().delete(`/api/users/${acme.users.owner.userId}`).set(acme.as('owner')).expect(409);
  });

  it('links users to agents of the directory only', async () => {
    const response = await http()
      .post('/api/users')
      .set(acme.as('admin'))
      .send({ email: uniqueEmail('a'), name: 'A', password: TEST_PASSWORD, role: 'agent', agentId: 'no-such-agent' })
      .expect(400);
    expect(response.body.message).toContain('no agent no-such-agent');
  });
});

describe('OpenAPI', () => {
  it('describes the routes with their zod-derived bodies at /api/docs-json', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
    };
    expect(document.paths['/api/auth/login']?.post?.requestBody?.content['application/json']?.schema.required).toEqual(['email', 'password']);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/users/{id}', '/api/health', '/api/webhooks/telnyx']));
    await http().get('/api/docs').expect(200);
  });
});
