import request from 'supertest';
import type { LookupResponse } from '@callflow/workflows';
import type { Mailbox, Queue, RingGroup, Schedule } from '@callflow/schemas';
import { agent, seedDirectory, seedTenant } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

const schedule: Schedule = {
  id: 'sched-office',
  name: 'Office',
  timeZone: 'America/New_York',
  weekly: {
    monday: [{ open: '09:00', close: '17:00' }],
    tuesday: [{ open: '09:00', close: '17:00' }],
    wednesday: [{ open: '09:00', close: '17:00' }],
    thursday: [{ open: '09:00', close: '17:00' }],
    friday: [{ open: '09:00', close: '17:00' }],
    saturday: [],
    sunday: [],
  },
  holidays: [],
  override: null,
};

const dispatch: RingGroup = {
  id: 'rg-dispatch',
  name: 'Dispatchers',
  extension: '100',
  strategy: 'round-robin',
  ringTimeoutSecs: 20,
  members: [
    { agentId: 'maria', priority: 1 },
    { agentId: 'dev', priority: 2 },
    { agentId: 'sam', priority: 3 },
  ],
};

const mailbox: Mailbox = {
  id: 'mb-office',
  name: 'Office',
  extension: '300',
  ownerAgentId: null,
  greeting: null,
  notifyEmails: ['office@rapidrooter.example'],
  notifySms: [],
  transcribe: true,
  maxLengthSecs: 120,
};

const support: Queue = {
  id: 'q-support',
  name: 'Support',
  strategy: 'longest-idle',
  requiredSkills: [],
  members: ['sam', 'maria'],
  maxWaitSecs: 600,
  maxSize: 20,
  announcePosition: true,
  announceExpectedWait: false,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 20,
  wrapUpSecs: 10,
  holdAudio: null,
};

const AT = Date.parse('2026-11-04T15:00:00Z');

describe('internal endpoints: directory lookups', () => {
  let api: TestApp;
  let tenantId: string;

  beforeAll(async () => {
    api = await startTestApp();
    tenantId = await seedTenant(api);
    await seedDirectory(api, tenantId, {
      agents: [agent('maria', '201'), agent('dev', '202'), agent('sam', '203', { presence: 'offline' })],
      ringGroups: [dispatch],
      mailboxes: [mailbox],
      schedules: [schedule],
      queues: [support],
    });
  });

  afterAll(async () => {
    await api.close();
  });

  function lookup(request: unknown, tenant = tenantId) {
    return api.internal('post', '/api/internal/lookups').send({ tenantId: tenant, request, at: AT, seed: 7 });
  }

  function firstAgent(response: { body: LookupResponse }): string | null | undefined {
    const { result } = response.body;
    return result.type === 'ring-plan' || result.type === 'extension' ? result.plan.attempts[0]?.targets[0]?.agentId : undefined;
  }

  it('answers a ring plan for a ring group from the stored directory, skipping unavailable agents', async () => {
    const response = await lookup({ type: 'ring-plan', target: { type: 'group', ringGroupId: 'rg-dispatch' }, ringTimeoutSecs: null });
    expect(response.status).toBe(200);
    const { result } = response.body as LookupResponse;
    if (result.type !== 'ring-plan') throw new Error(`expected a ring plan, got ${result.type}`);
    expect(result.plan.skipped).toEqual([{ label: 'sam (203)', reason: expect.any(String) }]);
    expect(result.plan.attempts.map((attempt) => attempt.targets.map((target) => target.agentId))).toEqual(
      expect.arrayContaining([['maria'], ['dev']]),
    );
    expect(result.plan.attempts.every((attempt) => attempt.timeoutSecs === 20)).toBe(true);
    expect(result.plan.attempts[0]?.targets[0]).toEqual({ label: 'maria (201)', agentId: expect.any(String), address: { type: 'sandbox', id: expect.any(String) } });
  });

  it('shares round-robin memory between concurrent calls: each starts with a different agent', async () => {
    const groupTenant = await seedTenant(api, 'Round robin');
    await seedDirectory(api, groupTenant, { agents: [agent('maria', '201'), agent('dev', '202'), agent('sam', '203')], ringGroups: [dispatch] });
    const request = { type: 'ring-plan', target: { type: 'group', ringGroupId: 'rg-dispatch' }, ringTimeoutSecs: null };

    const concurrent = await Promise.all([lookup(request, groupTenant), lookup(request, groupTenant)]);
    const third = await lookup(request, groupTenant);

    const firsts = [...concurrent, third].map(firstAgent);
    expect(concurrent.map((response) => response.status)).toEqual([200, 200]);
    expect(new Set(firsts).size).toBe(3);
    expect([...firsts].sort()).toEqual(['dev', 'maria', 'sam']);
    const memory: Array<{ group_id: string; last_agent_id: string }> = await api.dataSource.query(
      'SELECT group_id, last_agent_id FROM routing_memory WHERE tenant_id = $1',
      [groupTenant],
    );
    expect(memory).toEqual([{ group_id: 'rg-dispatch', last_agent_id: firsts[2] }]);
  });

  it('looks up an extension: an agent, a ring group, or nothing', async () => {
    const direct = await lookup({ type: 'extension', extension: '202', ringTimeoutSecs: 15 });
    expect(direct.body).toEqual({
      result: {
        type: 'extension',
        found: true,
        plan: { attempts: [{ timeoutSecs: 15, targets: [{ label: 'dev (202)', agentId: 'dev', address: { type: 'sandbox', id: 'dev' } }] }], skipped: [] },
      },
    });
    const group = await lookup({ type: 'extension', extension: '100', ringTimeoutSecs: null });
    expect(group.body.result).toMatchObject({ type: 'extension', found: true });
    expect(firstAgent(group)).toEqual(expect.stringMatching(/^(maria|dev)$/));
    const missing = await lookup({ type: 'extension', extension: '999', ringTimeoutSecs: null });
    expect(missing.body).toEqual({ result: { type: 'extension', found: false, plan: { attempts: [], skipped: [] } } });
  });

  it('looks up schedules and mailboxes', async () => {
    expect((await lookup({ type: 'schedule', scheduleId: 'sched-office' })).body).toEqual({ result: { type: 'schedule', schedule } });
    expect((await lookup({ type: 'schedule', scheduleId: 'sched-none' })).body).toEqual({ result: { type: 'schedule', schedule: null } });
    expect((await lookup({ type: 'mailbox', mailboxId: 'mb-office' })).body).toEqual({ result: { type: 'mailbox', mailbox } });
  });

  it('answers the queue snapshot with its member agents', async () => {
    const response = await api.internal('get', `/api/internal/tenants/${tenantId}/queues/q-support`);
    expect(response.status).toBe(200);
    expect(response.body.queue).toEqual(support);
    expect(response.body.agents.map((member: { id: string }) => member.id)).toEqual(['sam', 'maria']);
    expect((await api.internal('get', `/api/internal/tenants/${tenantId}/queues/q-none`)).status).toBe(404);
  });

  it('refuses requests without the right internal token', async () => {
    const body = { tenantId, request: { type: 'mailbox', mailboxId: 'mb-office' }, at: AT, seed: 1 };
    const server = api.app.getHttpServer();
    const missing = await request(server).post('/api/internal/lookups').send(body);
    expect(missing.status).toBe(401);
    expect(missing.body.message).toBe('Missing x-callflow-internal-token header');
    const wrong = await request(server).post('/api/internal/lookups').set('x-callflow-internal-token', 'guess').send(body);
    expect(wrong.status).toBe(401);
    expect((await request(server).get('/api/internal/metrics')).status).toBe(401);
  });

  it('answers 404 for an unknown tenant and 400 for a malformed request', async () => {
    const unknown = await lookup({ type: 'mailbox', mailboxId: 'mb-office' }, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await lookup({ type: 'ring-plan', target: { type: 'group' }, ringTimeoutSecs: null });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('Invalid lookup');
    expect(malformed.body.message).toContain('ringGroupId');
  });
});
