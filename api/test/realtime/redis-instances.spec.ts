import { randomUUID } from 'node:crypto';
import type { TraceEvent } from '@callflow/engine';
import { LiveEvents } from '../../src/realtime/live-events';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, openSeededCall, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../e2e/call-stack';
import { LiveSocket, socketUrl } from './live-socket';

/*
 * Two API instances on different ports sharing one Redis (REDIS_URL, default 127.0.0.1:6379): what one instance
 * publishes reaches sockets connected to the other, the way several API replicas behind a load balancer share rooms.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('live socket: API instances sharing rooms through Redis', () => {
  let first: TestApp;
  let second: TestApp;
  let acme: TenantLogins;
  const sockets: LiveSocket[] = [];

  async function startInstance(): Promise<TestApp> {
    const instance = await startTestApp({ redisUrl: REDIS_URL });
    await instance.app.listen(0, '127.0.0.1');
    return instance;
  }

  beforeAll(async () => {
    [first, second] = await Promise.all([startInstance(), startInstance()]);
    acme = await createTenantWithUsers(first, { agentId: 'ann', seed: (tenantId) => seedDirectory(first, tenantId, { agents: [agent('ann', '201')] }) });
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  async function connect(instance: TestApp, token: string): Promise<LiveSocket> {
    const socket = await LiveSocket.connect(socketUrl(instance.app), token);
    sockets.push(socket);
    return socket;
  }

  /**
   * A fresh adapter starts reading the shared stream a moment after the instance starts; until `from` has seen one
   * of its broadcasts arrive on `socket`, a broadcast could predate that. Then the socket starts over empty.
   */
  async function untilConnected(from: TestApp, socket: LiveSocket): Promise<void> {
    const probeQueue = `probe-${randomUUID()}`;
    await waitFor('the instances to share the Redis stream', async () => {
      from.get(LiveEvents).queueUpdated(acme.tenantId, { queueId: probeQueue, name: null, waiting: [], longestWaitSecs: null, at: new Date().toISOString() });
      await new Promise((resolve) => setTimeout(resolve, 100));
      return socket.all('queue.updated.v1').some((update) => update.queueId === probeQueue);
    });
    socket.received.length = 0;
  }

  it("delivers a call's steps and ring offer stored through one instance to sockets connected to the other", async () => {
    const [supervisorOnSecond, annOnSecond] = await Promise.all([connect(second, acme.users.supervisor.accessToken), connect(second, acme.users.agent.accessToken)]);
    await untilConnected(first, supervisorOnSecond);
    const call = await openSeededCall(first, acme.tenantId);
    const at = Date.now();
    const events: TraceEvent[] = [
      { at, flowId: call.flowId, node: 'ring', type: 'node.entered', kind: 'ring-group', label: 'Dispatch' },
      { at, flowId: call.flowId, node: 'ring', type: 'agents.rung', targets: ['ann (201)'], legs: [{ legId: 'leg-2', agentId: 'ann' }], timeoutSecs: 30 },
    ];

    await first.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq: 1, events }).expect(204);

    expect(await annOnSecond.next('agent.ring.v1')).toMatchObject({ offerId: `${call.id}/leg-2`, callId: call.id, agentId: 'ann', caller: '+15125550143' });
    await supervisorOnSecond.next('call.step.v1', (step) => step.seq === 2);
    expect(supervisorOnSecond.all('call.step.v1')).toEqual([
      { callId: call.id, seq: 1, step: events[0] },
      { callId: call.id, seq: 2, step: events[1] },
    ]);
    expect(await supervisorOnSecond.next('call.updated.v1')).toMatchObject({ callId: call.id, status: 'running', currentNode: { id: 'ring', kind: 'ring-group' } });
  });

  it("delivers a presence change made on one instance to the company's sockets on either instance", async () => {
    const [annOnSecond, supervisorOnFirst, supervisorOnSecond] = await Promise.all([
      connect(second, acme.users.agent.accessToken),
      connect(first, acme.users.supervisor.accessToken),
      connect(second, acme.users.supervisor.accessToken),
    ]);
    await untilConnected(second, supervisorOnFirst);

    expect(await annOnSecond.ask('agent.presence.set', { presence: 'away' })).toEqual({ ok: true });

    for (const supervisor of [supervisorOnFirst, supervisorOnSecond]) {
      expect(await supervisor.next('agent.presence.v1')).toMatchObject({ agentId: 'ann', presence: 'away' });
    }
  });
});
