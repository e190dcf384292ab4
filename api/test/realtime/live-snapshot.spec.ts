import request from 'supertest';
import { LiveSnapshotSchema, type Queue } from '@callflow/schemas';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { appendCallEvents, openSeededCall, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * GET /api/live: what a monitor shows when it opens — running calls at their current node and who waits in which
 * queue — read from the same stored call log as the live events.
 */

const QUEUE: Queue = {
  id: 'help',
  name: 'Help desk',
  strategy: 'longest-idle',
  requiredSkills: [],
  members: [],
  maxWaitSecs: 600,
  maxSize: 10,
  announcePosition: false,
  announceExpectedWait: false,
  announceIntervalSecs: 60,
  agentRingTimeoutSecs: 20,
  wrapUpSecs: 0,
  holdAudio: null,
};

describe('GET /api/live', () => {
  let api: TestApp;
  let acme: TenantLogins;
  let globex: TenantLogins;

  beforeAll(async () => {
    api = await startTestApp();
    [acme, globex] = await Promise.all([
      createTenantWithUsers(api, { seed: (tenantId) => seedDirectory(api, tenantId, { queues: [QUEUE] }) }),
      createTenantWithUsers(api),
    ]);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const openCall = (tenant: TenantLogins, from: string, startedAt: Date): Promise<StoredCall> => openSeededCall(api, tenant.tenantId, { from, startedAt });

  const snapshot = async (tenant: TenantLogins) =>
    LiveSnapshotSchema.parse((await request(api.app.getHttpServer()).get('/api/live').set(tenant.as('supervisor')).expect(200)).body);

  it('lists running calls at their current node, longest running first, and the callers waiting in each queue', async () => {
    const calls = api.get(CallsRepository);
    const t0 = Date.now() - 60_000;
    const waiting = await openCall(acme, '+15125550101', new Date(t0));
    const greeting = await openCall(acme, '+15125550102', new Date(t0 + 10_000));
    const ended = await openCall(acme, '+15125550103', new Date(t0 + 20_000));
    const base = (at: number, flowId: string) => ({ at, flowId });
    await appendCallEvents(api, waiting.id, 1, [
      { ...base(t0 + 1000, waiting.flowId), node: 'start', type: 'node.entered', kind: 'entry', label: 'Main number' },
      { ...base(t0 + 1100, waiting.flowId), node: 'start', type: 'node.exited', port: 'next', target: 'wait' },
      { ...base(t0 + 1200, waiting.flowId), node: 'wait', type: 'node.entered', kind: 'queue', label: 'Help desk' },
      { ...base(t0 + 1300, waiting.flowId), node: 'wait', type: 'queue.joined', queueId: QUEUE.id, position: 1, expectedWaitSecs: null },
    ]);
    await appendCallEvents(api, greeting.id, 1, [{ ...base(t0 + 11_000, greeting.flowId), node: 'greet', type: 'node.entered', kind: 'play', label: 'Greeting' }]);
    await calls.endCall(ended.id, { result: 'completed', node: null, reason: 'hung up' }, new Date());

    const live = await snapshot(acme);

    expect(live.calls.map((call) => call.callId)).toEqual([waiting.id, greeting.id]);
    expect(live.calls[0]).toMatchObject({
      status: 'running',
      caller: '+15125550101',
      flow: { id: waiting.flowId, name: 'Main line', version: 1 },
      currentNode: { flowId: waiting.flowId, id: 'wait', kind: 'queue', label: 'Help desk' },
      endedAt: null,
      outcome: null,
    });
    expect(live.calls[1]?.currentNode).toMatchObject({ id: 'greet', kind: 'play' });
    expect(live.queues).toEqual([
      {
        queueId: QUEUE.id,
        name: 'Help desk',
        waiting: [{ callId: waiting.id, caller: '+15125550101', joinedAt: new Date(t0 + 1300).toISOString() }],
        longestWaitSecs: expect.any(Number),
        at: expect.any(String),
      },
    ]);
    expect(live.queues[0]?.longestWaitSecs).toBeGreaterThanOrEqual(58);

    // The caller leaves the queue's node: nobody waits any more, and the call is elsewhere.
    await appendCallEvents(api, waiting.id, 5, [
      { ...base(t0 + 5000, waiting.flowId), node: 'wait', type: 'node.exited', port: 'timeout', target: 'bye' },
      { ...base(t0 + 5100, waiting.flowId), node: 'bye', type: 'node.entered', kind: 'hang-up', label: 'Goodbye' },
    ]);
    const later = await snapshot(acme);
    expect(later.queues).toEqual([]);
    expect(later.calls[0]?.currentNode).toMatchObject({ id: 'bye', kind: 'hang-up' });
  });

  it("shows a company only its own calls, and only to supervisors and above", async () => {
    await openCall(acme, '+15125550104', new Date());
    expect(await snapshot(globex)).toEqual({ calls: [], queues: [] });
    const server = api.app.getHttpServer();
    await request(server).get('/api/live').set(acme.as('agent')).expect(403);
    await request(server).get('/api/live').expect(401);
    await request(server).get('/api/live').set(acme.as('owner')).expect(200);
  });
});
