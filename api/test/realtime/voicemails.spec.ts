import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { VoicemailCreatedSchema, type Mailbox, type Voicemail } from '@callflow/schemas';
import type { VoicemailBody } from '@callflow/workflows';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { agent, openSeededCall, seedDirectory } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { agentLogin, LiveSocket, socketUrl } from './live-socket';

/*
 * A voicemail stored through the workers' endpoint reaches the agent who owns its mailbox and the company's
 * supervisors at once (`voicemail.created.v1`), through real socket.io-client connections to the API on a port.
 */

const mailbox = (id: string, ownerAgentId: string | null): Mailbox => ({
  id,
  name: id,
  ownerAgentId,
  greeting: null,
  notifyEmails: [],
  notifySms: [],
  transcribe: false,
  maxLengthSecs: 120,
});

describe('live socket: new voicemails', () => {
  let api: TestApp;
  let url: string;
  let recordings: Server;
  let recordingsUrl: string;
  let acme: TenantLogins;
  let globex: TenantLogins;
  let bobToken: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    url = socketUrl(api.app);
    // Stands in for the carrier's short-lived recording URLs.
    recordings = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'audio/mpeg' });
      response.end(Buffer.alloc(2048, 7));
    });
    await new Promise<void>((resolve) => recordings.listen(0, '127.0.0.1', resolve));
    recordingsUrl = `http://127.0.0.1:${(recordings.address() as AddressInfo).port}`;
    // Both companies have agents "ann" and "bob" with a mailbox each, and a shared mailbox.
    const directory = (tenantId: string) =>
      seedDirectory(api, tenantId, {
        agents: [agent('ann', '201'), agent('bob', '202')],
        mailboxes: [mailbox('mb-ann', 'ann'), mailbox('mb-bob', 'bob'), mailbox('mb-shared', null)],
      });
    [acme, globex] = await Promise.all([createTenantWithUsers(api, { agentId: 'ann', seed: directory }), createTenantWithUsers(api, { agentId: 'ann', seed: directory })]);
    bobToken = await agentLogin(api, acme, 'bob');
  }, 60_000);

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await api.close();
    await new Promise((resolve) => recordings.close(resolve));
  });

  async function connect(token: string): Promise<LiveSocket> {
    const socket = await LiveSocket.connect(url, token);
    sockets.push(socket);
    return socket;
  }

  /** Leaves a voicemail in `mailboxId` the way the worker's activity stores one; the request's body and the answer. */
  async function leaveVoicemail(tenant: TenantLogins, mailboxId: string, body: Partial<VoicemailBody> = {}): Promise<{ body: VoicemailBody; voicemailId: string }> {
    const call = await openSeededCall(api, tenant.tenantId);
    const voicemail: VoicemailBody = {
      tenantId: tenant.tenantId,
      callId: call.id,
      mailboxId,
      callerNumber: '+15125550143',
      recordingUrl: `${recordingsUrl}/recordings/${randomUUID()}.mp3`,
      durationSecs: 12.6,
      transcribe: false,
      notifyEmails: [],
      notifySms: [],
      ...body,
    };
    const response = await api.internal('post', '/api/internal/voicemails').send(voicemail).expect(200);
    return { body: voicemail, voicemailId: response.body.voicemailId as string };
  }

  const listed = async (token: string, id: string): Promise<Voicemail> =>
    (await request(api.app.getHttpServer()).get(`/api/voicemails/${id}`).set('authorization', `Bearer ${token}`).expect(200)).body as Voicemail;

  it("sends a new voicemail, unread and as the inbox lists it, to its mailbox's agent and the company's supervisors only", async () => {
    const [ann, bob, supervisor, globexSupervisor, globexAnn] = await Promise.all([
      connect(acme.users.agent.accessToken),
      connect(bobToken),
      connect(acme.users.supervisor.accessToken),
      connect(globex.users.supervisor.accessToken),
      connect(globex.users.agent.accessToken),
    ]);

    const { voicemailId } = await leaveVoicemail(acme, 'mb-ann');
    const created = VoicemailCreatedSchema.parse(await ann.next('voicemail.created.v1'));
    expect(created).toEqual(await listed(acme.users.agent.accessToken, voicemailId));
    expect(created).toMatchObject({ id: voicemailId, mailboxId: 'mb-ann', callerNumber: '+15125550143', durationSecs: 13, readAt: null, audioUrl: `/api/voicemails/${voicemailId}/audio` });
    expect(await supervisor.next('voicemail.created.v1')).toEqual(created);

    // Bob's own voicemail reaches him after anything Ann's could have: he saw only his. Globex saw nothing of Acme's.
    const bobs = await leaveVoicemail(acme, 'mb-bob');
    expect(await bob.next('voicemail.created.v1')).toMatchObject({ id: bobs.voicemailId });
    expect(bob.received).toEqual([{ event: 'voicemail.created.v1', payload: expect.objectContaining({ id: bobs.voicemailId }) }]);
    await supervisor.next('voicemail.created.v1', (payload) => payload.id === bobs.voicemailId);
    const theirs = await leaveVoicemail(globex, 'mb-ann');
    await globexAnn.next('voicemail.created.v1');
    await globexSupervisor.next('voicemail.created.v1');
    for (const socket of [globexAnn, globexSupervisor]) {
      expect(socket.all('voicemail.created.v1').map((payload) => payload.id)).toEqual([theirs.voicemailId]);
    }
    expect(ann.all('voicemail.created.v1').map((payload) => payload.id)).toEqual([voicemailId]);
  });

  it("sends a shared mailbox's voicemail to the supervisors, and a retried save nothing more", async () => {
    const [ann, supervisor] = await Promise.all([connect(acme.users.agent.accessToken), connect(acme.users.supervisor.accessToken)]);

    const shared = await leaveVoicemail(acme, 'mb-shared');
    expect(await supervisor.next('voicemail.created.v1')).toMatchObject({ id: shared.voicemailId, mailboxId: 'mb-shared' });
    // The worker retries a save whose answer it lost: same id, no second event.
    await api.internal('post', '/api/internal/voicemails').send(shared.body).expect(200);
    const annsOwn = await leaveVoicemail(acme, 'mb-ann');
    await ann.next('voicemail.created.v1');
    await supervisor.next('voicemail.created.v1', (payload) => payload.id === annsOwn.voicemailId);
    expect(supervisor.all('voicemail.created.v1').map((payload) => payload.id)).toEqual([shared.voicemailId, annsOwn.voicemailId]);
    expect(ann.all('voicemail.created.v1').map((payload) => payload.id)).toEqual([annsOwn.voicemailId]);
  });
});
