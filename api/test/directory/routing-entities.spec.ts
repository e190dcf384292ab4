import request from 'supertest';
import type { DirectoryConflict, Mailbox, Queue, RingGroup } from '@callflow/schemas';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { greetingFlow } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { directoryApi, seedFlowUsing, uniqueExtension, type ReferencingNode } from './directory-api';

let app: TestApp;
let acme: TenantLogins;
let directory: ReturnType<typeof directoryApi>;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app);
  directory = directoryApi(app, acme);
}, 60_000);
afterAll(() => app.close());

describe('ring groups', () => {
  it('creates, reads, lists, updates and deletes a ring group', async () => {
    const [ann, bob] = [await directory.createAgent(), await directory.createAgent()];
    const created = await directory.createRingGroup([ann.id, bob.id], { name: 'Dispatch', strategy: 'sequential' });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Dispatch',
      extension: null,
      members: [
        { agentId: ann.id, priority: 1 },
        { agentId: bob.id, priority: 2 },
      ],
      strategy: 'sequential',
      ringTimeoutSecs: 20,
    } satisfies RingGroup);
    expect((await http().get(`/api/ring-groups/${created.id}`).set(acme.as('supervisor')).expect(200)).body).toEqual(created);

    const extension = uniqueExtension();
    const updated = await http()
      .patch(`/api/ring-groups/${created.id}`)
      .set(acme.as('admin'))
      .send({ members: [{ agentId: bob.id, priority: 1 }], extension })
      .expect(200);
    expect(updated.body).toEqual({ ...created, members: [{ agentId: bob.id, priority: 1 }], extension });
    expect(((await http().get('/api/ring-groups').set(acme.as('supervisor')).expect(200)).body as RingGroup[]).find((group) => group.id === created.id)).toEqual(
      updated.body,
    );

    await http().delete(`/api/ring-groups/${created.id}`).set(acme.as('admin')).expect(204);
    await http().get(`/api/ring-groups/${created.id}`).set(acme.as('admin')).expect(404);
  });

  it('refuses members that are not agents of the company (400 naming each), storing nothing', async () => {
    const ann = await directory.createAgent();
    const before = ((await http().get('/api/ring-groups').set(acme.as('admin')).expect(200)).body as RingGroup[]).length;
    const response = await http()
      .post('/api/ring-groups')
      .set(acme.as('admin'))
      .send({ name: 'Ghosts', members: [{ agentId: ann.id, priority: 1 }, { agentId: 'ghost', priority: 2 }, { agentId: 'phantom', priority: 3 }], strategy: 'simultaneous', ringTimeoutSecs: 20 })
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'members.1.agentId: no agent ghost; members.2.agentId: no agent phantom',
      issues: [
        { path: 'members.1.agentId', message: 'no agent ghost' },
        { path: 'members.2.agentId', message: 'no agent phantom' },
      ],
    });
    expect(((await http().get('/api/ring-groups').set(acme.as('admin')).expect(200)).body as RingGroup[]).length).toBe(before);

    const group = await directory.createRingGroup([ann.id]);
    await http().patch(`/api/ring-groups/${group.id}`).set(acme.as('admin')).send({ members: [{ agentId: 'ghost', priority: 1 }] }).expect(400);
    expect((await http().get(`/api/ring-groups/${group.id}`).set(acme.as('admin')).expect(200)).body).toEqual(group);
  });

  it('refuses another company’s agent as a member', async () => {
    const globex = await createTenantWithUsers(app);
    const theirs = await directoryApi(app, globex).createAgent();
    const response = await http()
      .post('/api/ring-groups')
      .set(acme.as('admin'))
      .send({ name: 'Poached', members: [{ agentId: theirs.id, priority: 1 }], strategy: 'simultaneous', ringTimeoutSecs: 20 })
      .expect(400);
    expect(response.body.message).toBe(`members.0.agentId: no agent ${theirs.id}`);
  });
});

describe('queues', () => {
  it('creates a queue with defaults and updates strategy, skills, limits and announcements', async () => {
    const ann = await directory.createAgent();
    const created = await directory.createQueue([ann.id]);
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Support',
      strategy: 'longest-idle',
      requiredSkills: [],
      members: [ann.id],
      maxWaitSecs: 600,
      maxSize: 50,
      announcePosition: true,
      announceExpectedWait: true,
      announceIntervalSecs: 60,
      agentRingTimeoutSecs: 20,
      wrapUpSecs: 0,
      holdAudio: null,
    } satisfies Queue);
    const changes = {
      strategy: 'skills',
      requiredSkills: [{ skill: 'spanish', minLevel: 5 }],
      maxWaitSecs: 120,
      maxSize: 5,
      announcePosition: false,
      announceIntervalSecs: 30,
      wrapUpSecs: 15,
    };
    const updated = await http().patch(`/api/queues/${created.id}`).set(acme.as('admin')).send(changes).expect(200);
    expect(updated.body).toEqual({ ...created, ...changes });
  });

  it('stores hold audio on create, changes and clears it on update, and refuses anything but an http(s) audio file', async () => {
    const hold = { type: 'audio', url: 'https://cdn.example.com/support-hold.mp3' };
    const created = await directory.createQueue([], { holdAudio: hold });
    expect(created.holdAudio).toEqual(hold);
    expect((await http().get(`/api/queues/${created.id}`).set(acme.as('supervisor')).expect(200)).body).toEqual(created);

    const other = { type: 'audio', url: 'http://cdn.example.com/other-hold.wav' };
    const changed = await http().patch(`/api/queues/${created.id}`).set(acme.as('admin')).send({ holdAudio: other }).expect(200);
    expect(changed.body).toEqual({ ...created, holdAudio: other });
    // A partial update that leaves hold audio out keeps it.
    const renamed = await http().patch(`/api/queues/${created.id}`).set(acme.as('admin')).send({ name: 'Support line' }).expect(200);
    expect(renamed.body.holdAudio).toEqual(other);
    const cleared = await http().patch(`/api/queues/${created.id}`).set(acme.as('admin')).send({ holdAudio: null }).expect(200);
    expect(cleared.body).toEqual({ ...created, name: 'Support line', holdAudio: null });

    const speech = await http()
      .post('/api/queues')
      .set(acme.as('admin'))
      .send({ name: 'Support', holdAudio: { type: 'tts', text: 'Please hold' } })
      .expect(400);
    expect(speech.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'holdAudio.type' })]));
    const ftp = await http()
      .patch(`/api/queues/${created.id}`)
      .set(acme.as('admin'))
      .send({ holdAudio: { type: 'audio', url: 'ftp://cdn.example.com/hold.mp3' } })
      .expect(400);
    expect(ftp.body.issues).toEqual([{ path: 'holdAudio.url', message: 'an http(s) URL to an audio file' }]);
    expect((await http().get(`/api/queues/${created.id}`).set(acme.as('supervisor')).expect(200)).body.holdAudio).toBeNull();
  });

  it('refuses missing member agents (400 naming the index)', async () => {
    const response = await http().post('/api/queues').set(acme.as('admin')).send({ name: 'Support', members: ['ghost'] }).expect(400);
    expect(response.body.issues).toEqual([{ path: 'members.0', message: 'no agent ghost' }]);
  });
});

describe('voicemail boxes', () => {
  it('stores the greeting and the e-mail and SMS recipients', async () => {
    const owner = await directory.createAgent();
    const body = {
      name: 'Ann’s voicemail',
      extension: uniqueExtension(),
      ownerAgentId: owner.id,
      greeting: { type: 'tts' as const, text: 'Leave a message for Ann.', voice: 'female', language: 'en-US' },
      notifyEmails: ['ann@example.com', 'office@example.com'],
      notifySms: ['+14155550123'],
      transcribe: false,
      maxLengthSecs: 90,
    };
    const created = await directory.createMailbox(body);
    expect(created).toEqual({ id: expect.any(String), ...body } satisfies Mailbox);
    const audio = { type: 'audio', url: 'https://cdn.example.com/greeting.mp3' };
    const updated = await http().patch(`/api/mailboxes/${created.id}`).set(acme.as('admin')).send({ greeting: audio, notifySms: [] }).expect(200);
    expect(updated.body).toEqual({ ...created, greeting: audio, notifySms: [] });
  });

  it('defaults to a shared box with the default greeting and no recipients', async () => {
    expect(await directory.createMailbox()).toEqual({
      id: expect.any(String),
      name: 'Office',
      extension: null,
      ownerAgentId: null,
      greeting: null,
      notifyEmails: [],
      notifySms: [],
      transcribe: true,
      maxLengthSecs: 120,
    } satisfies Mailbox);
  });

  it('refuses bad recipients and a missing owner (400 naming the field)', async () => {
    for (const [body, path] of [
      [{ name: 'Box', notifyEmails: ['not-an-address'] }, 'notifyEmails.0'],
      [{ name: 'Box', notifySms: ['555-0123'] }, 'notifySms.0'],
      [{ name: 'Box', ownerAgentId: 'ghost' }, 'ownerAgentId'],
    ] as const) {
      const response = await http().post('/api/mailboxes').set(acme.as('admin')).send(body).expect(400);
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
    }
  });
});

describe('deleting what flows use', () => {
  const cases: Array<[string, string, (id: string) => ReferencingNode, () => Promise<{ id: string; name: string }>]> = [
    ['ring group', 'ring-groups', (id) => ({ kind: 'ring-group', config: { target: { type: 'group', ringGroupId: id } } }), () => directory.createRingGroup([])],
    ['queue', 'queues', (id) => ({ kind: 'queue', config: { queueId: id } }), () => directory.createQueue([])],
    ['mailbox', 'mailboxes', (id) => ({ kind: 'voicemail', config: { mailboxId: id } }), () => directory.createMailbox()],
    ['schedule', 'schedules', (id) => ({ kind: 'business-hours', config: { scheduleId: id } }), () => directory.createSchedule()],
  ];

  it.each(cases)('a %s used by a draft or the active version answers 409 naming the flow and node', async (noun, path, uses, create) => {
    const entity = await create();
    const flowId = await seedFlowUsing(app, acme.tenantId, `Uses the ${noun}`, uses(entity.id), false);

    const byDraft = await http().delete(`/api/${path}/${entity.id}`).set(acme.as('admin')).expect(409);
    expect(byDraft.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `The ${noun} "${entity.name}" (${entity.id}) is still used by flow "Uses the ${noun}" (${flowId}): draft, node uses. Remove those references first.`,
      conflicts: [{ type: 'flow', id: flowId, name: `Uses the ${noun}`, detail: 'draft, node uses' }],
    } satisfies DirectoryConflict);

    // Published, then the draft moves on: the active version still runs calls through it.
    const flows = app.get(FlowsRepository);
    await flows.publishVersion(acme.tenantId, flowId);
    await flows.saveDraft(acme.tenantId, flowId, greetingFlow('Moved on'), 1);
    const byVersion = await http().delete(`/api/${path}/${entity.id}`).set(acme.as('admin')).expect(409);
    expect((byVersion.body as DirectoryConflict).conflicts).toEqual([{ type: 'flow', id: flowId, name: `Uses the ${noun}`, detail: 'active version 1, node uses' }]);
    await http().get(`/api/${path}/${entity.id}`).set(acme.as('admin')).expect(200);

    // Another version without it becomes active: nothing references it any more.
    await flows.publishVersion(acme.tenantId, flowId);
    await http().delete(`/api/${path}/${entity.id}`).set(acme.as('admin')).expect(204);
    await http().get(`/api/${path}/${entity.id}`).set(acme.as('admin')).expect(404);
  });

  it('ignores flows that merely mention the id elsewhere, and other companies’ flows', async () => {
    const queue = await directory.createQueue([], { name: 'Mentioned' });
    await app.get(FlowsRepository).createFlow(acme.tenantId, 'Says the id', greetingFlow(queue.id));
    const globex = await createTenantWithUsers(app);
    await seedFlowUsing(app, globex.tenantId, 'Theirs', { kind: 'queue', config: { queueId: queue.id } }, false);
    await http().delete(`/api/queues/${queue.id}`).set(acme.as('admin')).expect(204);
  });
});

describe('OpenAPI', () => {
  it('documents each directory route once, with its body and responses', async () => {
    type Operation = { operationId: string; requestBody?: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, unknown> };
    const document = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    const directoryPaths = Object.keys(document.paths).filter((path) => /^\/api\/(agents|ring-groups|queues|mailboxes|schedules)\b/.test(path));
    expect(directoryPaths.sort()).toEqual([
      '/api/agents',
      '/api/agents/me',
      '/api/agents/me/phone',
      '/api/agents/{id}',
      '/api/agents/{id}/presence',
      '/api/mailboxes',
      '/api/mailboxes/{id}',
      '/api/queues',
      '/api/queues/{id}',
      '/api/ring-groups',
      '/api/ring-groups/{id}',
      '/api/schedules',
      '/api/schedules/holiday-presets',
      '/api/schedules/{id}',
      '/api/schedules/{id}/holidays',
    ]);
    const operations = directoryPaths.flatMap((path) => Object.values(document.paths[path] ?? {}));
    const operationIds = operations.map((operation) => operation.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    const createRingGroup = document.paths['/api/ring-groups']?.post;
    expect(createRingGroup?.requestBody?.content['application/json']?.schema.required).toEqual(['name', 'members', 'strategy', 'ringTimeoutSecs']);
    expect(Object.keys(createRingGroup?.responses ?? {})).toEqual(expect.arrayContaining(['201', '409']));
  });
});
