import request from 'supertest';
import { RetentionSettingsSchema, type RetentionSettings, type Voicemail } from '@callflow/schemas';
import fc from 'fast-check';
import { invalidBodies, sendJson } from '../support/invalid-bodies';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { seedCall, seedRecording, seedSupportLine, voicemailOf, type SupportLine } from './call-fixtures';

/** Every route of calls, recordings, voicemails and the retention setting: roles, tenant isolation, bad input. */

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let line: SupportLine;
let globexLine: SupportLine;
/** Acme's agent user answers as Ann: these are hers to see. */
let ids: { call: string; recording: string; voicemail: string };
let globexIds: { call: string; recording: string; voicemail: string };
const http = () => request(app.app.getHttpServer());

async function seedMedia(target: SupportLine): Promise<{ call: string; recording: string; voicemail: string }> {
  const answered = await seedCall(app, target, { startedAt: new Date(), script: { type: 'answered', answeredBy: target.agents.ann, waitSecs: 3, talkSecs: 20 } });
  return { call: answered.id, recording: await seedRecording(app, target, answered.id), voicemail: await freshVoicemail(target) };
}

async function freshVoicemail(target: SupportLine = line): Promise<string> {
  return (await voicemailOf(app, (await seedCall(app, target, { startedAt: new Date(), script: { type: 'voicemail', lengthSecs: 9 } })).id)).id;
}

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (line = await seedSupportLine(app, tenantId)) });
  globex = await createTenantWithUsers(app, { agentId: 'ann', seed: async (tenantId) => void (globexLine = await seedSupportLine(app, tenantId)) });
  ids = await seedMedia(line);
  globexIds = await seedMedia(globexLine);
}, 60_000);
afterAll(() => app.close());

const routes: Record<string, RouteUnderTest> = {
  'GET /calls': { method: 'get', path: () => '/api/calls', minimumRole: 'agent', okStatus: 200 },
  'GET /calls/:id': { method: 'get', path: () => `/api/calls/${ids.call}`, minimumRole: 'agent', okStatus: 200 },
  'GET /calls/:id/replay': { method: 'get', path: () => `/api/calls/${ids.call}/replay`, minimumRole: 'agent', okStatus: 200 },
  'GET /recordings': { method: 'get', path: () => '/api/recordings', minimumRole: 'agent', okStatus: 200 },
  'GET /recordings/:id': { method: 'get', path: () => `/api/recordings/${ids.recording}`, minimumRole: 'agent', okStatus: 200 },
  'GET /recordings/:id/audio': { method: 'get', path: () => `/api/recordings/${ids.recording}/audio`, minimumRole: 'agent', okStatus: 200 },
  'DELETE /recordings/:id': {
    method: 'delete',
    path: async () => `/api/recordings/${(await seedMedia(line)).recording}`,
    minimumRole: 'supervisor',
    okStatus: 204,
  },
  'GET /voicemails': { method: 'get', path: () => '/api/voicemails', minimumRole: 'agent', okStatus: 200 },
  'GET /voicemails/:id': { method: 'get', path: () => `/api/voicemails/${ids.voicemail}`, minimumRole: 'agent', okStatus: 200 },
  'GET /voicemails/:id/audio': { method: 'get', path: () => `/api/voicemails/${ids.voicemail}/audio`, minimumRole: 'agent', okStatus: 200 },
  'POST /voicemails/:id/read': { method: 'post', path: () => `/api/voicemails/${ids.voicemail}/read`, minimumRole: 'agent', okStatus: 200 },
  'DELETE /voicemails/:id': { method: 'delete', path: async () => `/api/voicemails/${await freshVoicemail()}`, minimumRole: 'agent', okStatus: 204 },
  'GET /settings/retention': { method: 'get', path: () => '/api/settings/retention', minimumRole: 'admin', okStatus: 200 },
  'PUT /settings/retention': { method: 'put', path: () => '/api/settings/retention', body: () => ({ audioRetentionDays: null }), minimumRole: 'admin', okStatus: 200 },
};

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  }, 30_000);
});

it('documents every route in the OpenAPI description', async () => {
  const document = (await http().get('/api/docs-json').expect(200)).body as { paths: Record<string, unknown> };
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      '/api/calls',
      '/api/calls/{id}',
      '/api/calls/{id}/replay',
      '/api/recordings',
      '/api/recordings/{id}',
      '/api/recordings/{id}/audio',
      '/api/voicemails',
      '/api/voicemails/{id}',
      '/api/voicemails/{id}/audio',
      '/api/voicemails/{id}/read',
      '/api/settings/retention',
      '/api/analytics/calls',
      '/api/analytics/busiest-hours',
      '/api/analytics/drop-off',
    ]),
  );
});

describe('tenant isolation: another tenant’s ids answer 404 and nothing of theirs changes', () => {
  it.each([
    ['get', () => `/api/calls/${globexIds.call}`],
    ['get', () => `/api/calls/${globexIds.call}/replay`],
    ['get', () => `/api/recordings/${globexIds.recording}`],
    ['get', () => `/api/recordings/${globexIds.recording}/audio`],
    ['delete', () => `/api/recordings/${globexIds.recording}`],
    ['get', () => `/api/voicemails/${globexIds.voicemail}`],
    ['get', () => `/api/voicemails/${globexIds.voicemail}/audio`],
    ['post', () => `/api/voicemails/${globexIds.voicemail}/read`],
    ['delete', () => `/api/voicemails/${globexIds.voicemail}`],
  ] as const)('%s %s', async (method, path) => {
    const response = await http()[method](path()).set(acme.as('owner')).set('range', 'bytes=0-9');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const theirs = (await http().get(`/api/voicemails/${globexIds.voicemail}`).set(globex.as('owner')).expect(200)).body as Voicemail;
    expect(theirs.readAt).toBeNull();
    await http().get(`/api/recordings/${globexIds.recording}/audio`).set(globex.as('owner')).expect(200);
    await http().get(`/api/calls/${globexIds.call}`).set(globex.as('owner')).expect(200);
  });

  it('lists only the caller’s tenant', async () => {
    for (const path of ['/api/calls', '/api/recordings', '/api/voicemails']) {
      const body = JSON.stringify((await http().get(path).set(acme.as('owner')).expect(200)).body);
      for (const id of Object.values(globexIds)) expect(body).not.toContain(id);
    }
  });
});

describe('invalid input answers 400 naming the field, never 5xx', () => {
  it.each([
    ['/api/calls', { limit: '0' }, 'limit'],
    ['/api/calls', { limit: '201' }, 'limit'],
    ['/api/calls', { since: 'yesterday' }, 'since'],
    ['/api/calls', { since: '2026-03-02T00:00:00Z', until: '2026-03-01T00:00:00Z' }, 'until'],
    ['/api/calls', { flowId: 'flow-1' }, 'flowId'],
    ['/api/calls', { flowVersionId: '42' }, 'flowVersionId'],
    ['/api/calls', { outcome: 'lost' }, 'outcome'],
    ['/api/calls', { status: 'paused' }, 'status'],
    ['/api/calls', { caller: 'x'.repeat(65) }, 'caller'],
    ['/api/calls', { cursor: 'not a cursor!' }, 'cursor'],
    ['/api/recordings', { callId: 'c-1' }, 'callId'],
    ['/api/recordings', { limit: 'many' }, 'limit'],
    ['/api/voicemails', { unread: 'yes' }, 'unread'],
    ['/api/voicemails', { mailboxId: '' }, 'mailboxId'],
  ])('%s %o', async (path, query, field) => {
    const response = await http().get(path).query(query).set(acme.as('supervisor')).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(field);
  });

  it('answers generated query strings with 200 or 400, never 5xx', async () => {
    const lists: Record<string, string[]> = {
      '/api/calls': ['since', 'until', 'called', 'caller', 'flowId', 'flowVersionId', 'outcome', 'status', 'agentId', 'limit', 'cursor'],
      '/api/recordings': ['callId', 'limit', 'cursor'],
      '/api/voicemails': ['mailboxId', 'unread', 'limit', 'cursor'],
    };
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '0', '-1', '1e309', 'NaN', 'true', 'answered', '2026-03-02T00:00:00Z', '00000000-0000-4000-8000-000000000000', '🙂'.repeat(50), '\u0000', 'x'.repeat(5000)),
    );
    for (const [path, fields] of Object.entries(lists)) {
      for (const query of fc.sample(fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 4 }), { numRuns: 120, seed: 11 })) {
        const response = await http().get(path).query(query).set(acme.as('supervisor'));
        expect({ path, query, status: response.status }).toEqual({ path, query, status: response.status === 200 ? 200 : 400 });
      }
    }
  });

  it('PUT /settings/retention: each generated body is refused with a message, or stored when it is valid', async () => {
    await http().put('/api/settings/retention').set(acme.as('admin')).send({ audioRetentionDays: 10 }).expect(200);
    let stored: RetentionSettings = { audioRetentionDays: 10 };
    for (const body of invalidBodies({ audioRetentionDays: 90 }, 100)) {
      const response = await sendJson(http().put('/api/settings/retention').set(acme.as('admin')), body);
      const valid = RetentionSettingsSchema.safeParse(body);
      if (valid.success) {
        expect(response.status).toBe(200);
        stored = valid.data;
      } else {
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
        expect(typeof response.body.message).toBe('string');
      }
    }
    expect((await http().get('/api/settings/retention').set(acme.as('admin')).expect(200)).body).toEqual(stored);
  }, 60_000);
});
