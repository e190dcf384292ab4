import request from 'supertest';
import {
  AgentPresenceBodySchema,
  CreateAgentBodySchema,
  CreateMailboxBodySchema,
  CreateQueueBodySchema,
  CreateRingGroupBodySchema,
  CreateScheduleBodySchema,
  ROLES,
  UpdateAgentBodySchema,
  UpdateMailboxBodySchema,
  UpdateQueueBodySchema,
  UpdateRingGroupBodySchema,
  UpdateScheduleBodySchema,
} from '@callflow/schemas';
import type { z } from 'zod';
import { DirectoryRepository } from '../../src/directory/directory.repository';
import { invalidBodies, sendJson } from '../support/invalid-bodies';
import { createTenantWithUsers, login, type TenantLogins } from '../support/logins';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { agentBody, directoryApi, scheduleBody } from './directory-api';

let app: TestApp;
/** Every user of acme is linked to an agent of their own, so each role can use /agents/me. */
let acme: TenantLogins;
let globex: TenantLogins;
let directory: ReturnType<typeof directoryApi>;
/** Entities of acme's that the read and update routes use. */
const ids = { agent: '', ringGroup: '', queue: '', mailbox: '', schedule: '' };
const http = () => request(app.app.getHttpServer());

/** Links each user to a new agent and logs them in again, so their tokens carry the agent. */
async function linkEveryoneToAnAgent(tenant: TenantLogins): Promise<TenantLogins> {
  const api = directoryApi(app, tenant);
  const users = { ...tenant.users };
  for (const role of ROLES) {
    const agent = await api.createAgent({ name: `${role} agent` });
    await http().patch(`/api/users/${tenant.users[role].userId}`).set(tenant.as('owner')).send({ agentId: agent.id }).expect(200);
    const session = await login(app, tenant.users[role].email);
    users[role] = { ...users[role], accessToken: session.accessToken, refreshToken: session.refreshToken };
  }
  return { ...tenant, users, as: (role) => ({ authorization: `Bearer ${users[role].accessToken}` }) };
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await linkEveryoneToAnAgent(await createTenantWithUsers(app));
  globex = await createTenantWithUsers(app);
  directory = directoryApi(app, acme);
  const agent = await directory.createAgent({ name: 'Shared agent' });
  ids.agent = agent.id;
  ids.ringGroup = (await directory.createRingGroup([agent.id])).id;
  ids.queue = (await directory.createQueue([agent.id])).id;
  ids.mailbox = (await directory.createMailbox()).id;
  ids.schedule = (await directory.createSchedule()).id;
}, 60_000);
afterAll(() => app.close());

const fresh = {
  agent: async () => `/api/agents/${(await directory.createAgent()).id}`,
  ringGroup: async () => `/api/ring-groups/${(await directory.createRingGroup([])).id}`,
  queue: async () => `/api/queues/${(await directory.createQueue([])).id}`,
  mailbox: async () => `/api/mailboxes/${(await directory.createMailbox()).id}`,
  schedule: async () => `/api/schedules/${(await directory.createSchedule()).id}`,
};

const routes: Record<string, RouteUnderTest> = {
  'GET /agents': { method: 'get', path: () => '/api/agents', minimumRole: 'supervisor', okStatus: 200 },
  'GET /agents/me': { method: 'get', path: () => '/api/agents/me', minimumRole: 'agent', okStatus: 200 },
  'PATCH /agents/me': { method: 'patch', path: () => '/api/agents/me', body: () => ({ presence: 'available' }), minimumRole: 'agent', okStatus: 200 },
  'POST /agents': { method: 'post', path: () => '/api/agents', body: () => agentBody(), minimumRole: 'admin', okStatus: 201 },
  'GET /agents/:id': { method: 'get', path: () => `/api/agents/${ids.agent}`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /agents/:id': { method: 'patch', path: () => `/api/agents/${ids.agent}`, body: () => ({ ringTimeoutSecs: 25 }), minimumRole: 'admin', okStatus: 200 },
  'PATCH /agents/:id/presence': { method: 'patch', path: () => `/api/agents/${ids.agent}/presence`, body: () => ({ presence: 'away' }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /agents/:id': { method: 'delete', path: fresh.agent, minimumRole: 'admin', okStatus: 204 },
  'GET /ring-groups': { method: 'get', path: () => '/api/ring-groups', minimumRole: 'supervisor', okStatus: 200 },
  'POST /ring-groups': {
    method: 'post',
    path: () => '/api/ring-groups',
    body: () => ({ name: 'Sales', members: [], strategy: 'round-robin', ringTimeoutSecs: 15 }),
    minimumRole: 'admin',
    okStatus: 201,
  },
  'GET /ring-groups/:id': { method: 'get', path: () => `/api/ring-groups/${ids.ringGroup}`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /ring-groups/:id': { method: 'patch', path: () => `/api/ring-groups/${ids.ringGroup}`, body: () => ({ ringTimeoutSecs: 25 }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /ring-groups/:id': { method: 'delete', path: fresh.ringGroup, minimumRole: 'admin', okStatus: 204 },
  'GET /queues': { method: 'get', path: () => '/api/queues', minimumRole: 'supervisor', okStatus: 200 },
  'POST /queues': { method: 'post', path: () => '/api/queues', body: () => ({ name: 'Billing' }), minimumRole: 'admin', okStatus: 201 },
  'GET /queues/:id': { method: 'get', path: () => `/api/queues/${ids.queue}`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /queues/:id': { method: 'patch', path: () => `/api/queues/${ids.queue}`, body: () => ({ maxSize: 30 }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /queues/:id': { method: 'delete', path: fresh.queue, minimumRole: 'admin', okStatus: 204 },
  'GET /mailboxes': { method: 'get', path: () => '/api/mailboxes', minimumRole: 'supervisor', okStatus: 200 },
  'POST /mailboxes': { method: 'post', path: () => '/api/mailboxes', body: () => ({ name: 'After hours' }), minimumRole: 'admin', okStatus: 201 },
  'GET /mailboxes/:id': { method: 'get', path: () => `/api/mailboxes/${ids.mailbox}`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /mailboxes/:id': { method: 'patch', path: () => `/api/mailboxes/${ids.mailbox}`, body: () => ({ transcribe: false }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /mailboxes/:id': { method: 'delete', path: fresh.mailbox, minimumRole: 'admin', okStatus: 204 },
  'GET /schedules': { method: 'get', path: () => '/api/schedules', minimumRole: 'supervisor', okStatus: 200 },
  'GET /schedules/holiday-presets': { method: 'get', path: () => '/api/schedules/holiday-presets', minimumRole: 'supervisor', okStatus: 200 },
  'POST /schedules': { method: 'post', path: () => '/api/schedules', body: () => scheduleBody(), minimumRole: 'admin', okStatus: 201 },
  'GET /schedules/:id': { method: 'get', path: () => `/api/schedules/${ids.schedule}`, minimumRole: 'supervisor', okStatus: 200 },
  'GET /schedules/:id/holidays': { method: 'get', path: () => `/api/schedules/${ids.schedule}/holidays?year=2027`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /schedules/:id': { method: 'patch', path: () => `/api/schedules/${ids.schedule}`, body: () => ({ name: 'Renamed' }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /schedules/:id': { method: 'delete', path: fresh.schedule, minimumRole: 'admin', okStatus: 204 },
};

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  });
});

/** Everything of acme's directory, as acme's owner sees it. */
async function acmeDirectory(): Promise<unknown> {
  const lists = await Promise.all(
    ['agents', 'ring-groups', 'queues', 'mailboxes', 'schedules'].map(async (path) => (await http().get(`/api/${path}`).set(acme.as('owner')).expect(200)).body as Array<Record<string, unknown>>),
  );
  // Computed now: availability and status are not stored.
  return lists.map((list) => list.map(({ availability: _availability, status: _status, ...stored }) => stored));
}

describe('tenant isolation', () => {
  // Each row has all four values: jest passes a `done` callback in place of a missing last argument.
  const idRoutes: Array<[string, 'get' | 'patch' | 'delete', () => string, object | undefined]> = [
    ['GET /agents/:id', 'get', () => `/api/agents/${ids.agent}`, undefined],
    ['PATCH /agents/:id', 'patch', () => `/api/agents/${ids.agent}`, { name: 'Hijacked' }],
    ['PATCH /agents/:id/presence', 'patch', () => `/api/agents/${ids.agent}/presence`, { presence: 'offline' }],
    ['DELETE /agents/:id', 'delete', () => `/api/agents/${ids.agent}`, undefined],
    ['GET /ring-groups/:id', 'get', () => `/api/ring-groups/${ids.ringGroup}`, undefined],
    ['PATCH /ring-groups/:id', 'patch', () => `/api/ring-groups/${ids.ringGroup}`, { name: 'Hijacked' }],
    ['DELETE /ring-groups/:id', 'delete', () => `/api/ring-groups/${ids.ringGroup}`, undefined],
    ['GET /queues/:id', 'get', () => `/api/queues/${ids.queue}`, undefined],
    ['PATCH /queues/:id', 'patch', () => `/api/queues/${ids.queue}`, { name: 'Hijacked' }],
    ['DELETE /queues/:id', 'delete', () => `/api/queues/${ids.queue}`, undefined],
    ['GET /mailboxes/:id', 'get', () => `/api/mailboxes/${ids.mailbox}`, undefined],
    ['PATCH /mailboxes/:id', 'patch', () => `/api/mailboxes/${ids.mailbox}`, { notifyEmails: ['thief@example.com'] }],
    ['DELETE /mailboxes/:id', 'delete', () => `/api/mailboxes/${ids.mailbox}`, undefined],
    ['GET /schedules/:id', 'get', () => `/api/schedules/${ids.schedule}`, undefined],
    ['GET /schedules/:id/holidays', 'get', () => `/api/schedules/${ids.schedule}/holidays`, undefined],
    ['PATCH /schedules/:id', 'patch', () => `/api/schedules/${ids.schedule}`, { override: { mode: 'closed' } }],
    ['DELETE /schedules/:id', 'delete', () => `/api/schedules/${ids.schedule}`, undefined],
  ];

  it.each(idRoutes)('%s: another company’s id answers 404 and nothing changes', async (_name, method, path, body) => {
    const before = await acmeDirectory();
    for (const role of ['owner', 'admin'] as const) {
      const call = http()[method](path()).set(globex.as(role));
      const response = await (body === undefined ? call : call.send(body));
      expect({ role, status: response.status }).toEqual({ role, status: 404 });
    }
    expect(await acmeDirectory()).toEqual(before);
  });

  it('/agents/me changes only the caller’s own agent', async () => {
    const before = await acmeDirectory();
    const globexAgent = await directoryApi(app, globex).createAgent();
    const owner = globex.users.owner;
    await http().patch(`/api/users/${owner.userId}`).set(globex.as('owner')).send({ agentId: globexAgent.id }).expect(200);
    const session = await login(app, owner.email);
    await http().patch('/api/agents/me').set('authorization', `Bearer ${session.accessToken}`).send({ presence: 'busy' }).expect(200);
    expect(await acmeDirectory()).toEqual(before);
    const stored = await app.get(DirectoryRepository).find(globex.tenantId, 'agents', globexAgent.id);
    expect(stored?.presence).toBe('busy');
  });
});

describe('invalid bodies', () => {
  const bodyRoutes: Array<[string, 'post' | 'patch', () => string, z.ZodType, Record<string, unknown>]> = [
    ['POST /agents', 'post', () => '/api/agents', CreateAgentBodySchema, { name: '', extension: '1', endpoint: { type: 'sip', uri: 'pbx' }, timeZone: 'Nowhere/Land', skills: [{ skill: '', level: 11 }] }],
    ['PATCH /agents/:id', 'patch', () => `/api/agents/${ids.agent}`, UpdateAgentBodySchema, { extension: 'ext', vacation: { from: '2031-02-01', to: '2031-01-01' }, maxConcurrentCalls: 0 }],
    ['PATCH /agents/:id/presence', 'patch', () => `/api/agents/${ids.agent}/presence`, AgentPresenceBodySchema, { presence: 'sleeping', doNotDisturbUntil: 'tomorrow' }],
    ['PATCH /agents/me', 'patch', () => '/api/agents/me', AgentPresenceBodySchema, { presence: 'sleeping', doNotDisturbUntil: 'tomorrow' }],
    ['POST /ring-groups', 'post', () => '/api/ring-groups', CreateRingGroupBodySchema, { name: '', members: [{ agentId: '', priority: 1.5 }], strategy: 'loudest', ringTimeoutSecs: 1 }],
    ['PATCH /ring-groups/:id', 'patch', () => `/api/ring-groups/${ids.ringGroup}`, UpdateRingGroupBodySchema, { members: 'everyone', extension: '1', ringTimeoutSecs: 999 }],
    ['POST /queues', 'post', () => '/api/queues', CreateQueueBodySchema, { name: '', maxWaitSecs: 1, requiredSkills: [{ skill: 'x', minLevel: 0 }], holdAudio: { type: 'tts', url: 'hold.mp3' } }],
    ['PATCH /queues/:id', 'patch', () => `/api/queues/${ids.queue}`, UpdateQueueBodySchema, { maxSize: 0, announcePosition: 'yes', members: ['a', 'a'], holdAudio: { type: 'audio', url: 'ftp://x/hold.mp3' } }],
    ['POST /mailboxes', 'post', () => '/api/mailboxes', CreateMailboxBodySchema, { name: '', notifyEmails: ['nobody'], greeting: { type: 'tts', text: '' } }],
    ['PATCH /mailboxes/:id', 'patch', () => `/api/mailboxes/${ids.mailbox}`, UpdateMailboxBodySchema, { notifySms: ['5550123'], maxLengthSecs: 1, transcribe: 'sometimes' }],
    ['POST /schedules', 'post', () => '/api/schedules', CreateScheduleBodySchema, { name: '', timeZone: 'Nowhere/Land', weekly: { monday: [{ open: '9am', close: '5pm' }] } }],
    ['PATCH /schedules/:id', 'patch', () => `/api/schedules/${ids.schedule}`, UpdateScheduleBodySchema, { holidays: [{ id: 'x', name: 'X', rule: { type: 'easter' } }], override: { mode: 'maybe' } }],
  ];

  it.each(bodyRoutes)('%s answers 400 with a message to each, never 5xx, and stores nothing', async (_name, method, path, schema, base) => {
    // Every field of each base body is invalid; the few random bodies that happen to be valid (e.g. {"override": null}) are left out.
    const bodies = invalidBodies(base, 100).filter((body) => !schema.safeParse(body).success);
    expect(bodies.length).toBeGreaterThan(200);
    const before = await acmeDirectory();
    for (const body of bodies) {
      const response = await sendJson(http()[method](path()).set(acme.as('owner')), body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(typeof response.body.message).toBe('string');
    }
    expect(await acmeDirectory()).toEqual(before);
  }, 120_000);
});
