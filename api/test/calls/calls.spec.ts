import request from 'supertest';
import type { CallDetail, CallPage, CallReplay, CallSummary } from '@callflow/schemas';
import { CallsRepository } from '../../src/calls/calls.repository';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { TEST_PASSWORD, createTenantWithUsers, login, uniqueEmail, type TenantLogins } from '../support/logins';
import { startTestApp, type TestApp } from '../support/test-app';
import { seedCall, seedSupportLine, supportLineDocument, type SeededCall, type SupportLine } from './call-fixtures';

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let line: SupportLine;
let salesLine: SupportLine;
let bobToken: string;
let unlinkedAgentToken: string;
const http = () => request(app.app.getHttpServer());

/** A Monday afternoon, UTC. */
const BASE = Date.parse('2026-03-02T14:00:00Z');
const at = (hours: number) => new Date(BASE + hours * 3_600_000);

const calls: Record<string, SeededCall> = {};
let globexCall: SeededCall;

async function agentLogin(tenant: TenantLogins, agentId: string | null): Promise<string> {
  const email = uniqueEmail('agent');
  await http()
    .post('/api/users')
    .set(tenant.as('owner'))
    .send({ email, name: 'Agent', password: TEST_PASSWORD, role: 'agent', agentId })
    .expect(201);
  return (await login(app, email)).accessToken;
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (line = await seedSupportLine(app, tenantId)) });
  salesLine = { ...(await seedSupportLine(app, acme.tenantId, 'Sales line')), agents: line.agents };
  globex = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (globexCall = await seedCall(app, await seedSupportLine(app, tenantId), { startedAt: at(0), script: { type: 'completed' } })) });
  bobToken = await agentLogin(acme, 'bob');
  unlinkedAgentToken = await agentLogin(acme, null);
  const { ann, bob } = line.agents;
  calls.answeredByAnn = await seedCall(app, line, { startedAt: at(0), from: '+12125550101', script: { type: 'answered', answeredBy: ann, alsoRung: [bob], waitSecs: 10, talkSecs: 60 } });
  calls.abandonedInQueue = await seedCall(app, line, { startedAt: at(1), from: '+12125550102', script: { type: 'abandoned-in-queue', rung: [ann, bob], waitSecs: 30 } });
  calls.voicemail = await seedCall(app, line, { startedAt: at(2), from: '+12125550101', script: { type: 'voicemail', lengthSecs: 20 } });
  calls.abandonedAtMenu = await seedCall(app, line, { startedAt: at(24), script: { type: 'abandoned-at-menu', afterSecs: 2 } });
  calls.completed = await seedCall(app, line, { startedAt: at(25), script: { type: 'completed' } });
  calls.answeredByBob = await seedCall(app, salesLine, { startedAt: at(48), from: '+12125550103', script: { type: 'answered', answeredBy: bob, waitSecs: 25, talkSecs: 120 } });
}, 60_000);
afterAll(() => app.close());

async function list(query: Record<string, string | number>, auth: { authorization: string } = acme.as('supervisor')): Promise<CallPage> {
  return (await http().get('/api/calls').query(query).set(auth).expect(200)).body as CallPage;
}
const ids = (page: CallPage) => page.calls.map((call) => call.id);
const asAgent = (token: string) => ({ authorization: `Bearer ${token}` });

describe('search', () => {
  const newestFirst = () => [calls.answeredByBob, calls.completed, calls.abandonedAtMenu, calls.voicemail, calls.abandonedInQueue, calls.answeredByAnn].map((call) => call!.id);

  it('lists the tenant’s calls newest first, and pages through all of them with the cursor', async () => {
    expect(ids(await list({}))).toEqual(newestFirst());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CallPage = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.calls.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(newestFirst());
  });

  it('never lists another tenant’s calls', async () => {
    expect(ids(await list({}))).not.toContain(globexCall.id);
    expect(ids(await list({}, globex.as('owner')))).toEqual([globexCall.id]);
  });

  it.each([
    ['a time range', () => ({ since: at(1).toISOString(), until: at(25).toISOString() }), () => [calls.abandonedAtMenu, calls.voicemail, calls.abandonedInQueue]],
    ['the number called', () => ({ called: salesLine.number }), () => [calls.answeredByBob]],
    ['the caller', () => ({ caller: '+12125550101' }), () => [calls.voicemail, calls.answeredByAnn]],
    ['the flow', () => ({ flowId: salesLine.flowId }), () => [calls.answeredByBob]],
    ['the version', () => ({ flowVersionId: line.versionId }), () => [calls.completed, calls.abandonedAtMenu, calls.voicemail, calls.abandonedInQueue, calls.answeredByAnn]],
    ['the outcome', () => ({ outcome: 'abandoned' }), () => [calls.abandonedAtMenu, calls.abandonedInQueue]],
    ['the agent (offered or answered)', () => ({ agentId: 'ann' }), () => [calls.abandonedInQueue, calls.answeredByAnn]],
    ['the agent and the outcome together', () => ({ agentId: 'bob', outcome: 'answered' }), () => [calls.answeredByBob, calls.answeredByAnn]],
    ['finished calls', () => ({ status: 'ended', caller: '+12125550102' }), () => [calls.abandonedInQueue]],
    ['running calls', () => ({ status: 'running' }), () => []],
  ])('filters by %s', async (_name, query, expected) => {
    expect(ids(await list(query()))).toEqual(expected().map((call) => call!.id));
  });

  it('pages a filtered search too', async () => {
    const first = await list({ agentId: 'bob', limit: 1 });
    const second = await list({ agentId: 'bob', limit: 1, cursor: first.nextCursor ?? '' });
    const third = await list({ agentId: 'bob', limit: 1, cursor: second.nextCursor ?? '' });
    expect([...ids(first), ...ids(second), ...ids(third)]).toEqual([calls.answeredByBob, calls.abandonedInQueue, calls.answeredByAnn].map((call) => call!.id));
    expect(third.nextCursor).toBeNull();
  });

  it('summarises each call: outcome, queue, who answered, wait and handle time', async () => {
    const page = await list({ caller: '+12125550101' });
    const answered = page.calls.find((call) => call.id === calls.answeredByAnn!.id);
    expect(answered).toEqual<CallSummary>({
      id: calls.answeredByAnn!.id,
      from: '+12125550101',
      to: line.number,
      flowId: line.flowId,
      flowName: 'Support line',
      flowVersionId: line.versionId,
      flowVersionNumber: 1,
      startedAt: at(0).toISOString(),
      endedAt: calls.answeredByAnn!.endedAt.toISOString(),
      status: 'ended',
      outcome: { result: 'answered', node: 'bye', reason: 'the flow hung up' },
      queueId: 'support',
      answeredAt: new Date(BASE + 13_000).toISOString(),
      answeredByAgentId: 'ann',
      waitSecs: 10,
      handleSecs: 60,
    });
    const voicemail = page.calls.find((call) => call.id === calls.voicemail!.id);
    expect(voicemail).toMatchObject({ outcome: { result: 'voicemail', node: 'vm' }, queueId: null, waitSecs: null, handleSecs: null, answeredByAgentId: null });
  });

  it('shows an agent only the calls it was offered or answered', async () => {
    expect(ids(await list({}, acme.as('agent')))).toEqual([calls.abandonedInQueue, calls.answeredByAnn].map((call) => call!.id));
    expect(ids(await list({}, asAgent(bobToken)))).toEqual([calls.answeredByBob, calls.abandonedInQueue, calls.answeredByAnn].map((call) => call!.id));
    expect(ids(await list({ agentId: 'bob' }, acme.as('agent')))).toEqual([]);
    expect(ids(await list({}, asAgent(unlinkedAgentToken)))).toEqual([]);
  });

  it('refuses a cursor it did not hand out (400 naming the field)', async () => {
    for (const cursor of ['bm90LWEtY3Vyc29y', Buffer.from('1|not-a-uuid').toString('base64url'), Buffer.from(`${'9'.repeat(18)}|${calls.voicemail!.id}`).toString('base64url')]) {
      const response = await http().get('/api/calls').query({ cursor }).set(acme.as('supervisor')).expect(400);
      expect(response.body.issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });
});

describe('detail', () => {
  it('tells the call step by step: nodes in order with their timing, exit ports and what happened there', async () => {
    const detail = (await http().get(`/api/calls/${calls.answeredByAnn!.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(detail.steps.map((step) => [step.node, step.offsetMs, step.durationMs, step.exitPort])).toEqual([
      ['start', 0, 0, 'next'],
      ['menu', 0, 3000, '1'],
      ['queue', 3000, 70_000, 'answered'],
      ['bye', 73_000, 0, null],
    ]);
    const queue = detail.steps[2]!;
    expect(queue.events.map((event) => event.type)).toEqual(['node.entered', 'queue.joined', 'agents.rung', 'agent.missed', 'agent.answered', 'node.exited']);
    expect(queue.events.find((event) => event.type === 'agents.rung')).toMatchObject({ targets: ['Bob (202)', 'Ann (201)'], offsetMs: 3000, at: new Date(BASE + 3000).toISOString() });
    expect(queue.events.find((event) => event.type === 'agent.answered')).toMatchObject({ agentId: 'ann', offsetMs: 13_000 });
    expect(detail.steps[1]!.events).toContainEqual(expect.objectContaining({ type: 'digits.received', digits: '1', accepted: true }));
    expect(detail.steps[1]!.events).toContainEqual(expect.objectContaining({ type: 'prompt.played', text: 'Press 1 for support, 2 to leave a message.' }));
    expect(detail).toMatchObject({ id: calls.answeredByAnn!.id, recordings: [], voicemails: [] });
  });

  it('links the voicemail left at a step', async () => {
    const detail = (await http().get(`/api/calls/${calls.voicemail!.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(detail.voicemails).toHaveLength(1);
    const vmStep = detail.steps.find((step) => step.node === 'vm');
    expect(vmStep).toMatchObject({ voicemailIds: [detail.voicemails[0]!.id], exitPort: null, durationMs: 22_000 });
    expect(detail.voicemails[0]).toMatchObject({ callId: calls.voicemail!.id, mailboxId: 'front-desk', durationSecs: 20, audioUrl: `/api/voicemails/${detail.voicemails[0]!.id}/audio` });
  });

  it('answers 404 for another tenant’s call, an unknown id and, to an agent, a call it was never offered', async () => {
    await http().get(`/api/calls/${globexCall.id}`).set(acme.as('owner')).expect(404);
    await http().get('/api/calls/00000000-0000-4000-8000-000000000000').set(acme.as('owner')).expect(404);
    await http().get('/api/calls/not-a-uuid').set(acme.as('owner')).expect(404);
    await http().get(`/api/calls/${calls.voicemail!.id}`).set(acme.as('agent')).expect(404);
    await http().get(`/api/calls/${calls.answeredByAnn!.id}`).set(acme.as('agent')).expect(200);
  });
});

describe('replay of a call whose workflow Temporal never had', () => {
  it('gives the exact version’s document and the steps of the call log', async () => {
    const replay = (await http().get(`/api/calls/${calls.answeredByAnn!.id}/replay`).set(acme.as('supervisor')).expect(200)).body as CallReplay;
    const detail = (await http().get(`/api/calls/${calls.answeredByAnn!.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(replay.source).toBe('call-log');
    expect(replay.flow).toMatchObject({ id: line.flowId, versionId: line.versionId, versionNumber: 1, name: 'Support line' });
    const [version] = await app.dataSource.query('SELECT document FROM flow_versions WHERE id = $1', [line.versionId]);
    expect(replay.flow.document).toEqual(version.document);
    expect(replay.steps).toEqual(detail.steps);
    const { steps: _steps, recordings: _recordings, voicemails: _voicemails, ...summary } = detail;
    expect(replay.call).toEqual(summary);
  });

  it('tells the call from its call log when its archived history does not replay on the current workflow code', async () => {
    await app.get(CallsRepository).saveHistory(calls.completed!.id, { events: [] });
    const replay = (await http().get(`/api/calls/${calls.completed!.id}/replay`).set(acme.as('supervisor')).expect(200)).body as CallReplay;
    const detail = (await http().get(`/api/calls/${calls.completed!.id}`).set(acme.as('supervisor')).expect(200)).body as CallDetail;
    expect(replay.source).toBe('call-log');
    expect(replay.steps).toEqual(detail.steps);
    expect(replay.steps.map((step) => step.node)).toEqual(['start', 'menu', 'bye']);
  }, 60_000);

  it('keeps showing the version the call ran on after a newer one is published', async () => {
    const flows = app.get(FlowsRepository);
    const flow = await flows.findFlow(acme.tenantId, salesLine.flowId);
    const renamed = supportLineDocument('Sales line, version 2') as { metadata: { name: string } };
    await flows.saveDraft(acme.tenantId, salesLine.flowId, renamed, flow!.draftRevision);
    const version2 = await flows.publishVersion(acme.tenantId, salesLine.flowId, 'renamed');
    expect(version2.number).toBe(2);
    const replay = (await http().get(`/api/calls/${calls.answeredByBob!.id}/replay`).set(acme.as('supervisor')).expect(200)).body as CallReplay;
    expect(replay.flow).toMatchObject({ versionId: salesLine.versionId, versionNumber: 1 });
    expect((replay.flow.document as { metadata: { name: string } }).metadata.name).toBe('Sales line');
  });
});
