import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { AgentPresenceEventSchema } from '@callflow/schemas';
import { DirectoryRepository } from '../../src/directory/directory.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, appendCallEvents, openSeededCall, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { LiveSocket, socketUrl } from './live-socket';

/*
 * The live socket's front door: the handshake's token check, who joins which rooms, and the requests clients send,
 * through a real socket.io-client against the API listening on a port.
 */

describe('live socket: handshake, rooms and requests', () => {
  let api: TestApp;
  let url: string;
  let acme: TenantLogins;
  let globex: TenantLogins;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    url = socketUrl(api.app);
    // Both companies have an agent "ann": agent rooms must not mix them.
    const withAnn = (tenantId: string) => seedDirectory(api, tenantId, { agents: [agent('ann', '201', { presence: 'available' })] });
    [acme, globex] = await Promise.all([
      createTenantWithUsers(api, { agentId: 'ann', seed: withAnn }),
      createTenantWithUsers(api, { agentId: 'ann', seed: withAnn }),
    ]);
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await api.close();
  });

  async function connect(tenant: TenantLogins, role: 'owner' | 'admin' | 'supervisor' | 'agent'): Promise<LiveSocket> {
    const socket = await LiveSocket.connect(url, tenant.users[role].accessToken);
    sockets.push(socket);
    return socket;
  }

  const presenceOf = async (tenant: TenantLogins) => (await api.get(DirectoryRepository).snapshot(tenant.tenantId)).agents.find((each) => each.id === 'ann')?.presence;

  const claims = (tenant: TenantLogins) => ({ sub: tenant.users.supervisor.userId, tid: tenant.tenantId, role: 'supervisor', agt: null });

  it('refuses a handshake without a token, with a malformed, forged or expired one, naming why', async () => {
    const refusal = (token: string | null) =>
      LiveSocket.connect(url, token).then(
        (socket) => {
          socket.close();
          return 'connected';
        },
        (error: Error & { data?: unknown }) => ({ message: error.message, data: error.data }),
      );
    const forged = new JwtService({ secret: 'not-the-secret' }).sign(claims(acme), { algorithm: 'HS256', expiresIn: 60 });
    const expired = new JwtService({ secret: api.config.jwtSecret }).sign({ ...claims(acme), exp: Math.floor(Date.now() / 1000) - 60 }, { algorithm: 'HS256' });

    expect(await refusal(null)).toEqual({ message: 'Missing access token: connect with auth: { token }', data: { code: 'unauthorized' } });
    for (const token of ['not-a-jwt', forged, expired]) {
      expect(await refusal(token)).toEqual({ message: 'Invalid or expired access token', data: { code: 'unauthorized' } });
    }
    expect(await refusal(acme.users.supervisor.accessToken)).toBe('connected');
  });

  it('ends the connection when its access token expires', async () => {
    const shortLived = new JwtService({ secret: api.config.jwtSecret }).sign(claims(acme), { algorithm: 'HS256', expiresIn: 2 });
    const socket = await LiveSocket.connect(url, shortLived);
    sockets.push(socket);
    expect(await socket.disconnected()).toBe('io server disconnect');
  });

  it("sends an agent's presence change to its company's supervisors and to the agent, never to another company", async () => {
    const [acmeSupervisor, acmeAnn, globexSupervisor, globexAnn] = await Promise.all([
      connect(acme, 'supervisor'),
      connect(acme, 'agent'),
      connect(globex, 'supervisor'),
      connect(globex, 'agent'),
    ]);

    expect(await acmeAnn.ask('agent.presence.set', { presence: 'away' })).toEqual({ ok: true });
    const seen = AgentPresenceEventSchema.parse(await acmeSupervisor.next('agent.presence.v1'));
    expect(seen).toMatchObject({ agentId: 'ann', presence: 'away' });
    expect(await acmeAnn.next('agent.presence.v1')).toEqual(seen);
    expect(await presenceOf(acme)).toBe('away');
    expect(await presenceOf(globex)).toBe('available');

    // Globex's own change reaches its sockets after anything Acme's could have sent them: they saw only their own.
    expect(await globexAnn.ask('agent.presence.set', { presence: 'busy' })).toEqual({ ok: true });
    await globexSupervisor.next('agent.presence.v1');
    await globexAnn.next('agent.presence.v1');
    for (const socket of [globexSupervisor, globexAnn]) {
      expect(socket.received).toEqual([{ event: 'agent.presence.v1', payload: expect.objectContaining({ agentId: 'ann', presence: 'busy' }) }]);
    }
    expect(acmeSupervisor.all('agent.presence.v1')).toEqual([seen]);
  });

  it('answers invalid requests through the acknowledgement, naming the field, and changes nothing', async () => {
    const [supervisor, ann, admin] = await Promise.all([connect(acme, 'supervisor'), connect(acme, 'agent'), connect(acme, 'admin')]);
    const before = await presenceOf(acme);

    expect(await ann.ask('agent.presence.set', { presence: 'asleep' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Invalid agent\.presence\.set: presence: /),
      issues: [{ path: 'presence', message: expect.any(String) }],
    });
    expect(await ann.ask('agent.presence.set', { presence: 'away', extra: 1 })).toMatchObject({ ok: false, issues: [{ path: '(body)' }] });
    expect(await ann.ask('agent.presence.set', 'away')).toMatchObject({ ok: false, issues: [{ path: '(body)' }] });
    expect(await admin.ask('agent.presence.set', { presence: 'away' })).toEqual({ ok: false, error: 'Only a user linked to an agent has a presence' });
    expect(await presenceOf(acme)).toBe(before);

    expect(await ann.ask('agent.accept', { offerId: '' })).toMatchObject({ ok: false, issues: [{ path: 'offerId' }] });
    expect(await ann.ask('agent.accept', { offerId: 'no-such-offer' })).toEqual({ ok: false, error: 'No ring offer no-such-offer for you' });
    expect(await admin.ask('agent.decline', { offerId: 'no-such-offer' })).toEqual({ ok: false, error: 'Only a user linked to an agent receives and answers ring offers' });
    expect(await supervisor.ask('call.subscribe', { callId: 'not-a-uuid' })).toMatchObject({ ok: false, issues: [{ path: 'callId' }] });
    expect(supervisor.received).toEqual([]);
  });

  it('lets supervisors and above follow a call of their own company, and an agent a call that rang them', async () => {
    const [acmeCall, globexCall] = await Promise.all([openSeededCall(api, acme.tenantId), openSeededCall(api, globex.tenantId)]);
    const [supervisor, owner, ann, globexAnn] = await Promise.all([connect(acme, 'supervisor'), connect(acme, 'owner'), connect(acme, 'agent'), connect(globex, 'agent')]);

    expect(await supervisor.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: true });
    expect(await owner.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: true });
    expect(await supervisor.ask('call.unsubscribe', { callId: acmeCall.id })).toEqual({ ok: true });
    // A call that never rang the agent is answered like one that does not exist; once it rang them, they may follow it.
    expect(await ann.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: false, error: `Call ${acmeCall.id} does not exist` });
    const rung = { type: 'agents.rung' as const, at: Date.now(), flowId: acmeCall.flowId, node: 'ring', targets: ['ann'], legs: [{ legId: 'leg-1', agentId: 'ann' }], timeoutSecs: 20 };
    await appendCallEvents(api, acmeCall.id, 1, [rung]);
    expect(await ann.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: true });
    // The other company's "ann" is another agent.
    expect(await globexAnn.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: false, error: `Call ${acmeCall.id} does not exist` });
    const admin = await connect(acme, 'admin');
    expect(await admin.ask('call.subscribe', { callId: acmeCall.id })).toEqual({ ok: true });
    // Hanging up needs an accepted offer of one's own.
    expect(await ann.ask('agent.hangup', { offerId: `${acmeCall.id}/leg-1` })).toEqual({ ok: false, error: 'You are not on this call: the offer was never accepted' });
    expect(await globexAnn.ask('agent.hangup', { offerId: `${acmeCall.id}/leg-1` })).toEqual({ ok: false, error: `No ring offer ${acmeCall.id}/leg-1 for you` });
    expect(await ann.ask('agent.hangup', { offerId: 42 })).toMatchObject({ ok: false, issues: [{ path: 'offerId' }] });
    // Another company's call is answered exactly like one that does not exist.
    expect(await supervisor.ask('call.subscribe', { callId: globexCall.id })).toEqual({ ok: false, error: `Call ${globexCall.id} does not exist` });
    const missing = randomUUID();
    expect(await supervisor.ask('call.subscribe', { callId: missing })).toEqual({ ok: false, error: `Call ${missing} does not exist` });
  });
});
