import request from 'supertest';
import { dropDatabase } from '@callflow/deploy';
import type { AgentView, ScheduleView, Session } from '@callflow/schemas';
import { createDataSource } from '../../src/database/data-source';
import { DEMO_COMPANY, DEMO_LOGINS, DEMO_NUMBER, DEMO_PASSWORD, seedDemo } from '../../src/database/seed-demo';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { TenantsRepository } from '../../src/tenants/tenants.repository';
import { freshDatabase } from '../support/fresh-database';
import { startTestApp } from '../support/test-app';

jest.setTimeout(60_000);

const databases: string[] = [];

/** A migrated database of its own: the demo is seeded only where no other company lives. */
async function demoDatabase(): Promise<string> {
  const url = await freshDatabase('callflow_seed');
  databases.push(url);
  return url;
}

afterAll(async () => {
  for (const url of databases) await dropDatabase(url);
});

async function counts(url: string): Promise<Record<string, number>> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const tables = ['tenants', 'users', 'agents', 'ring_groups', 'queues', 'mailboxes', 'schedules', 'flows', 'flow_versions', 'phone_numbers'];
    const entries = await Promise.all(
      tables.map(async (table) => [table, ((await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`)) as [{ count: number }])[0].count] as const),
    );
    return Object.fromEntries(entries);
  } finally {
    await dataSource.destroy();
  }
}

describe('the demo seed', () => {
  it('seeds a working company once: logins for every role, linked agents, office hours with US holidays, a published flow on the demo number', async () => {
    const url = await demoDatabase();
    const seeded = await seedDemo(url, { sandbox: true });
    expect(seeded?.logins.map((entry) => entry.role)).toEqual(['owner', 'admin', 'supervisor', 'agent', 'agent']);
    const afterFirst = await counts(url);
    expect(afterFirst).toEqual({ tenants: 1, users: 5, agents: 3, ring_groups: 1, queues: 1, mailboxes: 1, schedules: 1, flows: 1, flow_versions: 1, phone_numbers: 1 });

    expect(await seedDemo(url, { sandbox: true })).toEqual(seeded);
    expect(await counts(url)).toEqual(afterFirst);

    const app = await startTestApp({ databaseUrl: url });
    try {
      const http = () => request(app.app.getHttpServer());
      const sessions = new Map<string, Session>();
      for (const demo of DEMO_LOGINS) {
        const session = (await http().post('/api/auth/login').send({ email: demo.email, password: DEMO_PASSWORD }).expect(200)).body as Session;
        expect(session.user).toMatchObject({ role: demo.role, agentId: demo.agentId, email: demo.email });
        expect(session.tenant.name).toBe(DEMO_COMPANY);
        sessions.set(demo.email, session);
      }
      const as = (email: string) => ({ authorization: `Bearer ${sessions.get(email)?.accessToken ?? ''}` });

      const agents = (await http().get('/api/agents').set(as('supervisor@demo-plumbing.test')).expect(200)).body as AgentView[];
      expect(agents.map((agent) => [agent.id, agent.user?.email ?? null, agent.presence])).toEqual([
        ['ann', 'ann@demo-plumbing.test', 'available'],
        ['bob', 'bob@demo-plumbing.test', 'available'],
        ['cara', null, 'available'],
      ]);
      expect(((await http().get('/api/agents/me').set(as('bob@demo-plumbing.test')).expect(200)).body as AgentView).name).toBe('Bob Lee');

      const [officeHours] = (await http().get('/api/schedules').set(as('admin@demo-plumbing.test')).expect(200)).body as ScheduleView[];
      const calendar = await http().get(`/api/schedules/${officeHours?.id ?? ''}/holidays?year=2026`).set(as('admin@demo-plumbing.test')).expect(200);
      expect(calendar.body.dates).toContainEqual({ date: '2026-11-26', holidayId: 'us-thanksgiving', name: 'Thanksgiving Day', observed: false });

      const route = await app.get(FlowsRepository).resolveNumber(DEMO_NUMBER);
      if (route.status !== 'ok') throw new Error(`the demo number does not run a flow: ${route.status}`);
      expect(route.tenantId).toBe(seeded?.tenantId);
      expect(route.program.references).toEqual(
        expect.arrayContaining([
          { type: 'schedule', id: 'office-hours' },
          { type: 'ring-group', id: 'dispatch' },
          { type: 'queue', id: 'billing' },
          { type: 'mailbox', id: 'office' },
        ]),
      );

      // What a newcomer deletes stays deleted, and is no longer printed.
      const bob = sessions.get('bob@demo-plumbing.test')?.user.id ?? '';
      await http().delete(`/api/users/${bob}`).set(as('owner@demo-plumbing.test')).expect(204);
    } finally {
      await app.close();
    }
    const again = await seedDemo(url, { sandbox: true });
    expect(again?.logins.map((entry) => entry.email)).not.toContain('bob@demo-plumbing.test');
    expect((await counts(url)).users).toBe(4);
  });

  it('creates no users with the fixed password when talking to Telnyx', async () => {
    const url = await demoDatabase();
    expect(await seedDemo(url, { sandbox: false })).toEqual({ tenantId: expect.any(String), logins: [] });
    expect(await counts(url)).toMatchObject({ tenants: 1, users: 0, flows: 1, phone_numbers: 1 });
  });

  it('completes a seed that was interrupted after creating the company', async () => {
    const url = await demoDatabase();
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    const tenant = await new TenantsRepository(dataSource).create(DEMO_COMPANY);
    await dataSource.destroy();
    expect((await seedDemo(url, { sandbox: true }))?.tenantId).toBe(tenant.id);
    expect(await counts(url)).toMatchObject({ tenants: 1, users: 5, agents: 3, flows: 1, flow_versions: 1, phone_numbers: 1 });
  });

  it('leaves a database with other companies alone', async () => {
    const url = await demoDatabase();
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    await new TenantsRepository(dataSource).create('Real Company');
    await dataSource.destroy();
    expect(await seedDemo(url, { sandbox: true })).toBeNull();
    expect(await counts(url)).toMatchObject({ tenants: 1, users: 0, agents: 0, flows: 0, phone_numbers: 0 });
  });
});
