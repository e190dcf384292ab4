import request from 'supertest';
import type { AgentView, DirectoryConflict, User } from '@callflow/schemas';
import type { LookupResponse } from '@callflow/workflows';
import { DirectoryRepository } from '../../src/directory/directory.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { agentBody, directoryApi, seedFlowUsing, uniqueExtension } from './directory-api';

let app: TestApp;
let acme: TenantLogins;
let directory: ReturnType<typeof directoryApi>;
const http = () => request(app.app.getHttpServer());
const DAY_MS = 86_400_000;

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app, {
    agentId: 'desk-agent',
    seed: async (tenantId) => {
      await app.get(DirectoryRepository).save(tenantId, 'agents', agent('desk-agent', '999', { presence: 'offline' }));
    },
  });
  directory = directoryApi(app, acme);
}, 60_000);
afterAll(() => app.close());

const getAgent = async (id: string) => (await http().get(`/api/agents/${id}`).set(acme.as('admin')).expect(200)).body as AgentView;

describe('agents', () => {
  it('creates an agent offline with defaults, and lists and reads it with its availability', async () => {
    const response = await http().post('/api/agents').set(acme.as('admin')).send(agentBody({ name: 'Ann Diaz', extension: '4101' })).expect(201);
    const created = response.body as AgentView;
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Ann Diaz',
      extension: '4101',
      directNumber: null,
      endpoint: { type: 'sandbox', id: 'ann' },
      skills: [],
      maxConcurrentCalls: 1,
      presence: 'offline',
      activeCalls: 0,
      lastCallEndedAt: null,
      doNotDisturbUntil: null,
      vacation: null,
      callForwardingNumber: null,
      ringTimeoutSecs: 20,
      weight: 1,
      timeZone: 'America/New_York',
      user: null,
      availability: { availableNow: false, reason: 'offline', forwardTo: null, at: expect.any(String) },
    });
    expect(await getAgent(created.id)).toEqual({ ...created, availability: { ...created.availability, at: expect.any(String) } });
    const list = (await http().get('/api/agents').set(acme.as('supervisor')).expect(200)).body as AgentView[];
    expect(list.map((each) => each.id)).toContain(created.id);
  });

  it('stores every configuration field: direct number, SIP or WebRTC endpoint, skills, limits, vacation, forwarding', async () => {
    const skills = [{ skill: 'plumbing', level: 7 }, { skill: 'spanish', level: 10 }];
    const body = agentBody({
      directNumber: '+14155550111',
      endpoint: { type: 'sip', uri: 'sip:bob@pbx.example.com' },
      skills,
      maxConcurrentCalls: 2,
      vacation: { from: '2031-07-01', to: '2031-07-14', message: 'Hiking', forwardTo: { type: 'number', number: '+14155550199' } },
      callForwardingNumber: '+14155550122',
      ringTimeoutSecs: 30,
      weight: 3,
      timeZone: 'Europe/Paris',
    });
    const created = (await http().post('/api/agents').set(acme.as('admin')).send(body).expect(201)).body as AgentView;
    const { extension: _extension, ...rest } = body;
    expect(created).toMatchObject(rest);
    const webrtc = await http()
      .patch(`/api/agents/${created.id}`)
      .set(acme.as('admin'))
      .send({ endpoint: { type: 'webrtc', credentialId: 'cred-123' } })
      .expect(200);
    expect((webrtc.body as AgentView).endpoint).toEqual({ type: 'webrtc', credentialId: 'cred-123' });
    expect(webrtc.body).toMatchObject({ skills, ringTimeoutSecs: 30, weight: 3, vacation: body.vacation, directNumber: body.directNumber });
  });

  it('shows the user linked to the agent', async () => {
    const created = await directory.createAgent();
    await http().patch(`/api/users/${acme.users.supervisor.userId}`).set(acme.as('owner')).send({ agentId: created.id }).expect(200);
    expect((await getAgent(created.id)).user).toEqual({ id: acme.users.supervisor.userId, name: 'supervisor', email: acme.users.supervisor.email });
    await http().patch(`/api/users/${acme.users.supervisor.userId}`).set(acme.as('owner')).send({ agentId: null }).expect(200);
    expect((await getAgent(created.id)).user).toBeNull();
  });

  it('updates the given fields only, and keeps the runtime fields the calls maintain', async () => {
    const created = await directory.createAgent({ skills: [{ skill: 'billing', level: 4 }] });
    const stored = app.get(DirectoryRepository);
    const runtime = { activeCalls: 1, lastCallEndedAt: '2026-05-01T10:00:00.000Z' };
    const { user: _user, availability: _availability, ...record } = created;
    await stored.save(acme.tenantId, 'agents', { ...record, ...runtime });

    const updated = (await http().patch(`/api/agents/${created.id}`).set(acme.as('admin')).send({ name: 'Renamed', maxConcurrentCalls: 3 }).expect(200)).body as AgentView;
    expect(updated).toMatchObject({ name: 'Renamed', maxConcurrentCalls: 3, extension: created.extension, skills: [{ skill: 'billing', level: 4 }], ...runtime });
    expect(await stored.find(acme.tenantId, 'agents', created.id)).toMatchObject({ name: 'Renamed', ...runtime });
  });

  it('refuses runtime fields, presence and ids in configuration bodies (400 naming them), changing nothing', async () => {
    const created = await directory.createAgent();
    for (const [method, path, body, field] of [
      ['post', '/api/agents', agentBody({ activeCalls: 0 }), 'activeCalls'],
      ['post', '/api/agents', agentBody({ id: 'chosen' }), 'id'],
      ['patch', `/api/agents/${created.id}`, { lastCallEndedAt: null }, 'lastCallEndedAt'],
      ['patch', `/api/agents/${created.id}`, { presence: 'available' }, 'presence'],
      ['patch', `/api/agents/${created.id}`, {}, 'nothing to change'],
    ] as const) {
      const response = await http()[method](path).set(acme.as('admin')).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.body.message).toContain(field);
    }
    expect(await getAgent(created.id)).toMatchObject({ presence: 'offline', activeCalls: 0, name: created.name });
  });

  it('keeps extensions unique across agents, ring groups and voicemail boxes (409 naming the holder)', async () => {
    const ann = await directory.createAgent({ name: 'Ann Diaz' });
    const clash = await http().post('/api/agents').set(acme.as('admin')).send(agentBody({ name: 'Bob Lee', extension: ann.extension })).expect(409);
    expect(clash.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `The extension ${ann.extension} is already used by agent "Ann Diaz" (${ann.id})`,
      conflicts: [{ type: 'agent', id: ann.id, name: 'Ann Diaz', detail: `extension ${ann.extension}` }],
    } satisfies DirectoryConflict);

    const group = await directory.createRingGroup([ann.id], { name: 'Dispatch', extension: uniqueExtension() });
    const toGroup = await http().patch(`/api/agents/${ann.id}`).set(acme.as('admin')).send({ extension: group.extension }).expect(409);
    expect(toGroup.body.conflicts).toEqual([{ type: 'ring-group', id: group.id, name: 'Dispatch', detail: `extension ${group.extension}` }]);

    const mailbox = await directory.createMailbox({ name: 'Front desk', extension: uniqueExtension() });
    const toMailbox = await http().post('/api/ring-groups').set(acme.as('admin')).send({ name: 'Sales', members: [], strategy: 'simultaneous', ringTimeoutSecs: 20, extension: mailbox.extension });
    expect(toMailbox.status).toBe(409);
    expect(toMailbox.body.message).toContain(`mailbox "Front desk" (${mailbox.id})`);

    // An entity keeps its own extension when other fields change.
    await http().patch(`/api/agents/${ann.id}`).set(acme.as('admin')).send({ extension: ann.extension, name: 'Ann D.' }).expect(200);
    expect((await getAgent(ann.id)).extension).toBe(ann.extension);
  });

  it('gives an extension to exactly one of several concurrent requests', async () => {
    const extension = uniqueExtension();
    const responses = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => http().post('/api/agents').set(acme.as('admin')).send(agentBody({ name: `Racer ${name}`, extension }))),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
    const holders = ((await http().get('/api/agents').set(acme.as('admin')).expect(200)).body as AgentView[]).filter((each) => each.extension === extension);
    expect(holders).toHaveLength(1);
  });

  it('lets another company use the same extension', async () => {
    const globex = await createTenantWithUsers(app);
    const ann = await directory.createAgent();
    await directoryApi(app, globex).createAgent({ extension: ann.extension });
  });

  it('refuses a vacation forward to a missing agent or to the agent themselves (400 naming the field)', async () => {
    const ann = await directory.createAgent();
    const vacation = (agentId: string) => ({ vacation: { from: '2031-01-01', to: '2031-01-02', forwardTo: { type: 'agent', agentId } } });
    const missing = await http().patch(`/api/agents/${ann.id}`).set(acme.as('admin')).send(vacation('ghost')).expect(400);
    expect(missing.body).toMatchObject({ message: 'vacation.forwardTo.agentId: no agent ghost', issues: [{ path: 'vacation.forwardTo.agentId', message: 'no agent ghost' }] });
    const self = await http().patch(`/api/agents/${ann.id}`).set(acme.as('admin')).send(vacation(ann.id)).expect(400);
    expect(self.body.message).toBe('vacation.forwardTo.agentId: an agent cannot forward calls to themselves');
    expect((await getAgent(ann.id)).vacation).toBeNull();
  });

  it('answers 404 for an agent that does not exist', async () => {
    for (const [method, path, body] of [
      ['get', '/api/agents/nobody', undefined],
      ['patch', '/api/agents/nobody', { name: 'X' }],
      ['patch', '/api/agents/nobody/presence', { presence: 'away' }],
      ['delete', '/api/agents/nobody', undefined],
      ['get', `/api/agents/${'x'.repeat(200)}`, undefined],
    ] as const) {
      const call = http()[method](path).set(acme.as('admin'));
      expect((await (body === undefined ? call : call.send(body))).status).toBe(404);
    }
  });
});

describe('presence', () => {
  it('an agent sets their own presence and do-not-disturb through /agents/me', async () => {
    const me = () => http().get('/api/agents/me').set(acme.as('agent'));
    expect(((await me().expect(200)).body as AgentView).id).toBe('desk-agent');

    const available = await http().patch('/api/agents/me').set(acme.as('agent')).send({ presence: 'available' }).expect(200);
    expect((available.body as AgentView).availability).toMatchObject({ availableNow: true, reason: null });

    const until = new Date(Date.now() + DAY_MS).toISOString();
    const dnd = await http().patch('/api/agents/me').set(acme.as('agent')).send({ doNotDisturbUntil: until }).expect(200);
    expect(dnd.body).toMatchObject({ presence: 'available', doNotDisturbUntil: until, availability: { availableNow: false, reason: 'do-not-disturb' } });

    const past = new Date(Date.now() - DAY_MS).toISOString();
    const expired = await http().patch('/api/agents/me').set(acme.as('agent')).send({ doNotDisturbUntil: past }).expect(200);
    expect((expired.body as AgentView).availability.availableNow).toBe(true);

    const away = await http().patch('/api/agents/me').set(acme.as('agent')).send({ presence: 'away', doNotDisturbUntil: null }).expect(200);
    expect(away.body).toMatchObject({ presence: 'away', doNotDisturbUntil: null, availability: { availableNow: false, reason: 'away' } });
  });

  it('refuses other fields and unknown presences on /agents/me', async () => {
    for (const body of [{ presence: 'sleeping' }, { name: 'Me' }, { vacation: null }, {}]) {
      const response = await http().patch('/api/agents/me').set(acme.as('agent')).send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('answers 404 on /agents/me to a user who is not an agent', async () => {
    const response = await http().get('/api/agents/me').set(acme.as('supervisor')).expect(404);
    expect(response.body.message).toBe('Your user is not linked to an agent');
    await http().patch('/api/agents/me').set(acme.as('owner')).send({ presence: 'available' }).expect(404);
  });

  it('admins set anyone’s presence', async () => {
    const bob = await directory.createAgent();
    const response = await http().patch(`/api/agents/${bob.id}/presence`).set(acme.as('admin')).send({ presence: 'busy' }).expect(200);
    expect(response.body).toMatchObject({ presence: 'busy', availability: { availableNow: false, reason: 'busy' } });
  });

  it('an agent reads themselves, not other agents', async () => {
    const other = await directory.createAgent();
    await http().get('/api/agents/desk-agent').set(acme.as('agent')).expect(200);
    const refused = await http().get(`/api/agents/${other.id}`).set(acme.as('agent')).expect(403);
    expect(refused.body.message).toBe('Agents can only read their own agent record');
  });
});

/** A zone where it is around noon now, so "today" and "tomorrow" cannot change while the test runs. */
function zoneAtNoon(now: number): string {
  const offset = 12 - new Date(now).getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

function localDate(now: number, zone: string, plusDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(now + plusDays * DAY_MS));
}

describe('availability is computed at ring time', () => {
  async function ringPlan(ringGroupId: string, at: number) {
    const response = await app
      .internal('post', '/api/internal/lookups')
      .send({ tenantId: acme.tenantId, request: { type: 'ring-plan', target: { type: 'group', ringGroupId }, ringTimeoutSecs: null }, at, seed: 1 })
      .expect(200);
    const { result } = response.body as LookupResponse;
    if (result.type !== 'ring-plan') throw new Error(`expected a ring plan, got ${result.type}`);
    return { rung: result.plan.attempts.flatMap((attempt) => attempt.targets.map((target) => target.agentId)), skipped: result.plan.skipped };
  }

  it('a vacation starting tomorrow changes nothing today, and takes the agent out of routing tomorrow', async () => {
    const now = Date.now();
    const zone = zoneAtNoon(now);
    const vacation = { from: localDate(now, zone, 1), to: localDate(now, zone, 3), message: 'Back Thursday' };
    const ann = await directory.createAvailableAgent({ name: 'Ann Vacation', timeZone: zone, vacation });
    expect(ann.availability).toMatchObject({ availableNow: true, reason: null });
    const group = await directory.createRingGroup([ann.id]);

    expect(await ringPlan(group.id, now)).toEqual({ rung: [ann.id], skipped: [] });
    const tomorrow = await ringPlan(group.id, now + DAY_MS);
    expect(tomorrow.rung).toEqual([]);
    expect(tomorrow.skipped).toEqual([{ label: `Ann Vacation (${ann.extension})`, reason: 'vacation' }]);
    expect(await ringPlan(group.id, now + 4 * DAY_MS)).toEqual({ rung: [ann.id], skipped: [] });
  });

  it('a vacation that includes today shows the agent unavailable now, with the forward target', async () => {
    const now = Date.now();
    const zone = zoneAtNoon(now);
    const cover = await directory.createAvailableAgent({ name: 'Cover' });
    const forwardTo = { type: 'agent', agentId: cover.id };
    const away = await directory.createAvailableAgent({ timeZone: zone, vacation: { from: localDate(now, zone), to: localDate(now, zone, 1), forwardTo } });
    expect(away.availability).toMatchObject({ availableNow: false, reason: 'vacation', forwardTo });
    expect((await getAgent(away.id)).availability.availableNow).toBe(false);
  });

  it('an agent at their call limit is unavailable until a call ends', async () => {
    const busy = await directory.createAvailableAgent({ maxConcurrentCalls: 1 });
    const { user: _user, availability: _availability, ...record } = busy;
    await app.get(DirectoryRepository).save(acme.tenantId, 'agents', { ...record, activeCalls: 1 });
    expect((await getAgent(busy.id)).availability).toMatchObject({ availableNow: false, reason: 'at-call-limit' });
  });
});

describe('deleting an agent', () => {
  it('deletes an agent nothing references', async () => {
    const loner = await directory.createAgent();
    await http().delete(`/api/agents/${loner.id}`).set(acme.as('admin')).expect(204);
    await http().get(`/api/agents/${loner.id}`).set(acme.as('admin')).expect(404);
  });

  it('refuses (409) while ring groups, queues, mailboxes, vacation forwards, users or flows reference the agent, naming each', async () => {
    const ann = await directory.createAgent({ name: 'Ann Referenced' });
    const group = await directory.createRingGroup([ann.id], { name: 'Dispatch' });
    const queue = await directory.createQueue([ann.id], { name: 'Support' });
    const mailbox = await directory.createMailbox({ name: 'Ann’s box', ownerAgentId: ann.id });
    const colleague = await directory.createAgent({ name: 'Colleague', vacation: { from: '2031-01-01', to: '2031-01-05', forwardTo: { type: 'agent', agentId: ann.id } } });
    await http().patch(`/api/users/${acme.users.admin.userId}`).set(acme.as('owner')).send({ agentId: ann.id }).expect(200);
    const published = await seedFlowUsing(app, acme.tenantId, 'Direct line', { kind: 'ring-group', config: { target: { type: 'agents', agentIds: [ann.id] } } }, true);

    const response = await http().delete(`/api/agents/${ann.id}`).set(acme.as('owner')).expect(409);
    expect((response.body as DirectoryConflict).conflicts).toEqual([
      { type: 'agent', id: colleague.id, name: 'Colleague', detail: 'vacation forward' },
      { type: 'ring-group', id: group.id, name: 'Dispatch', detail: 'member' },
      { type: 'queue', id: queue.id, name: 'Support', detail: 'member' },
      { type: 'mailbox', id: mailbox.id, name: 'Ann’s box', detail: 'owner' },
      { type: 'user', id: acme.users.admin.userId, name: 'admin', detail: `signs in as ${acme.users.admin.email}` },
      { type: 'flow', id: published, name: 'Direct line', detail: 'draft, node uses' },
      { type: 'flow', id: published, name: 'Direct line', detail: 'active version 1, node uses' },
    ]);
    expect(response.body.message).toMatch(/^The agent "Ann Referenced" \(.+\) is still used by agent "Colleague" .+ Remove those references first\.$/);
    expect((await getAgent(ann.id)).name).toBe('Ann Referenced');

    await http().patch(`/api/users/${acme.users.admin.userId}`).set(acme.as('owner')).send({ agentId: null }).expect(200);
    const users = (await http().get('/api/users').set(acme.as('owner')).expect(200)).body as User[];
    expect(users.find((user) => user.id === acme.users.admin.userId)?.agentId).toBeNull();
  });
});
