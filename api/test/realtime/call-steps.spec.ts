import type { TraceEvent } from '@callflow/engine';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, openSeededCall, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { LiveSocket, socketUrl } from './live-socket';

/*
 * The workers write a call's steps as they happen and the whole record again at the end (and retry a write that timed
 * out): each position reaches sockets once, when it is first stored.
 */
describe('live socket: call steps written more than once', () => {
  let api: TestApp;
  let acme: TenantLogins;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    acme = await createTenantWithUsers(api, { agentId: 'ann', seed: (tenantId) => seedDirectory(api, tenantId, { agents: [agent('ann', '201')] }) });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await api?.close();
  });

  it('publishes each position once: a retried write and a final write of the whole record publish only what is new', async () => {
    const connect = async (token: string): Promise<LiveSocket> => {
      const socket = await LiveSocket.connect(socketUrl(api.app), token);
      sockets.push(socket);
      return socket;
    };
    const [supervisor, ann] = await Promise.all([connect(acme.users.supervisor.accessToken), connect(acme.users.agent.accessToken)]);
    const call = await openSeededCall(api, acme.tenantId);
    const at = Date.now();
    const events: TraceEvent[] = [
      { at, flowId: call.flowId, node: 'ring', type: 'node.entered', kind: 'ring-group', label: 'Dispatch' },
      { at, flowId: call.flowId, node: 'ring', type: 'agents.rung', targets: ['ann (201)'], legs: [{ legId: 'leg-2', agentId: 'ann' }], timeoutSecs: 30 },
      { at: at + 1000, flowId: call.flowId, node: 'ring', type: 'agent.answered', target: 'ann (201)', agentId: 'ann' },
    ];
    const write = (firstSeq: number, batch: TraceEvent[]) =>
      api.internal('post', `/api/internal/calls/${call.id}/events`).send({ firstSeq, events: batch }).expect(204);

    await write(1, events.slice(0, 2));
    await write(1, events.slice(0, 2));
    await write(1, events);

    await supervisor.next('call.step.v1', (step) => step.seq === 3);
    expect(supervisor.all('call.step.v1').map((step) => step.seq)).toEqual([1, 2, 3]);
    expect(ann.all('agent.ring.v1').map((offer) => offer.offerId)).toEqual([`${call.id}/leg-2`]);
  });
});
