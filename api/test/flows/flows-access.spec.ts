import request from 'supertest';
import {
  CreateFlowBodySchema,
  DraftDocumentSchema,
  DuplicateFlowBodySchema,
  PublishFlowBodySchema,
  RenameFlowBodySchema,
  RollbackFlowBodySchema,
  SaveDraftBodySchema,
  type FlowDetail,
  type FlowSummary,
  type FlowVersionSummary,
} from '@callflow/schemas';
import type { z } from 'zod';
import { invalidBodies, sendJson } from '../support/invalid-bodies';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';
import { startTestApp, type TestApp } from '../support/test-app';
import { flowApi, frontDesk } from './flow-api';

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let flows: ReturnType<typeof flowApi>;
/** A flow of acme's with two versions (2 active) that the read routes use. */
let published: FlowDetail;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  [acme, globex] = await Promise.all([createTenantWithUsers(app), createTenantWithUsers(app)]);
  flows = flowApi(app, acme);
  published = await flows.create('Published');
  await flows.publish(published.id, 'first');
  await flows.publish(published.id, 'second');
}, 60_000);
afterAll(() => app.close());

async function freshFlowPath(suffix = ''): Promise<string> {
  return `/api/flows/${(await flows.create('Fresh')).id}${suffix}`;
}

/** A flow whose version 2 is active, so rolling back to 1 succeeds. */
async function twoVersionFlowPath(): Promise<string> {
  const flow = await flows.create('Two versions');
  await flows.publish(flow.id);
  await flows.publish(flow.id);
  return `/api/flows/${flow.id}/rollback`;
}

const routes: Record<string, RouteUnderTest> = {
  'GET /flows': { method: 'get', path: () => '/api/flows', minimumRole: 'supervisor', okStatus: 200 },
  'POST /flows': { method: 'post', path: () => '/api/flows', body: () => ({ name: 'New' }), minimumRole: 'admin', okStatus: 201 },
  'POST /flows/import': { method: 'post', path: () => '/api/flows/import', body: () => frontDesk('Imported'), minimumRole: 'admin', okStatus: 201 },
  'GET /flows/:id': { method: 'get', path: () => `/api/flows/${published.id}`, minimumRole: 'supervisor', okStatus: 200 },
  'PUT /flows/:id': { method: 'put', path: () => freshFlowPath(), body: () => ({ revision: 1, document: frontDesk('Saved') }), minimumRole: 'admin', okStatus: 200 },
  'PATCH /flows/:id': { method: 'patch', path: () => freshFlowPath(), body: () => ({ name: 'Renamed' }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /flows/:id': { method: 'delete', path: () => freshFlowPath(), minimumRole: 'admin', okStatus: 204 },
  'POST /flows/:id/duplicate': { method: 'post', path: () => `/api/flows/${published.id}/duplicate`, body: () => ({}), minimumRole: 'admin', okStatus: 201 },
  'GET /flows/:id/export': { method: 'get', path: () => `/api/flows/${published.id}/export?version=1`, minimumRole: 'supervisor', okStatus: 200 },
  'GET /flows/:id/validation': { method: 'get', path: () => `/api/flows/${published.id}/validation`, minimumRole: 'supervisor', okStatus: 200 },
  'GET /flows/:id/draft/diff': { method: 'get', path: () => `/api/flows/${published.id}/draft/diff`, minimumRole: 'supervisor', okStatus: 200 },
  'POST /flows/:id/versions': { method: 'post', path: () => freshFlowPath('/versions'), body: () => ({ notes: 'Go' }), minimumRole: 'admin', okStatus: 201 },
  'GET /flows/:id/versions': { method: 'get', path: () => `/api/flows/${published.id}/versions`, minimumRole: 'supervisor', okStatus: 200 },
  'GET /flows/:id/versions/:number': { method: 'get', path: () => `/api/flows/${published.id}/versions/1`, minimumRole: 'supervisor', okStatus: 200 },
  'GET /flows/:id/versions/:from/diff/:to': { method: 'get', path: () => `/api/flows/${published.id}/versions/1/diff/2`, minimumRole: 'supervisor', okStatus: 200 },
  'POST /flows/:id/rollback': { method: 'post', path: twoVersionFlowPath, body: () => ({ version: 1 }), minimumRole: 'admin', okStatus: 200 },
};

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  });
});

describe('tenant isolation', () => {
  /** Everything a route could change about acme's flow, as acme sees it. */
  async function snapshot(flowId: string) {
    const [detail, versions, list] = await Promise.all([
      http().get(`/api/flows/${flowId}`).set(acme.as('owner')).expect(200),
      http().get(`/api/flows/${flowId}/versions`).set(acme.as('owner')).expect(200),
      http().get('/api/flows').set(acme.as('owner')).expect(200),
    ]);
    return { detail: detail.body as FlowDetail, versions: versions.body as FlowVersionSummary[], flows: (list.body as FlowSummary[]).length };
  }

  // Four entries each: with fewer, jest would pass `done` as the test's last argument.
  const idRoutes: Array<[string, 'get' | 'post' | 'put' | 'patch' | 'delete', string, object | null]> = [
    ['GET /flows/:id', 'get', '', null],
    ['PUT /flows/:id', 'put', '', { revision: 3, document: frontDesk('Hijacked') }],
    ['PATCH /flows/:id', 'patch', '', { name: 'Hijacked' }],
    ['DELETE /flows/:id', 'delete', '', null],
    ['POST /flows/:id/duplicate', 'post', '/duplicate', { name: 'Stolen copy' }],
    ['GET /flows/:id/export', 'get', '/export', null],
    ['GET /flows/:id/validation', 'get', '/validation', null],
    ['GET /flows/:id/draft/diff', 'get', '/draft/diff', null],
    ['POST /flows/:id/versions', 'post', '/versions', { notes: 'Hijacked' }],
    ['GET /flows/:id/versions', 'get', '/versions', null],
    ['GET /flows/:id/versions/:number', 'get', '/versions/1', null],
    ['GET /flows/:id/versions/:from/diff/:to', 'get', '/versions/1/diff/2', null],
    ['POST /flows/:id/rollback', 'post', '/rollback', { version: 1 }],
  ];

  it.each(idRoutes)('%s: another company’s flow answers 404 and nothing changes', async (_name, method, suffix, body) => {
    const flow = await flows.create('Private');
    await flows.save(flow.id, 1, frontDesk('Private v2'));
    await flows.save(flow.id, 2, frontDesk('Private v3'));
    await flows.publish(flow.id);
    await flows.publish(flow.id);
    const before = await snapshot(flow.id);

    for (const role of ['owner', 'admin'] as const) {
      const call = http()[method](`/api/flows/${flow.id}${suffix}`).set(globex.as(role));
      const response = await (body === null ? call : call.send(body));
      expect({ role, status: response.status }).toEqual({ role, status: 404 });
    }

    expect(await snapshot(flow.id)).toEqual(before);
    expect(((await http().get('/api/flows').set(globex.as('owner')).expect(200)).body as FlowSummary[]).map((each) => each.name)).not.toContain('Stolen copy');
  });

  it('a flow id of another company’s is refused when assigning a number (400) and never listed', async () => {
    const flow = await flows.create('Not yours');
    const refused = await http().post('/api/numbers').set(globex.as('admin')).send({ number: '+14155550177', flowId: flow.id }).expect(400);
    expect(refused.body.issues).toEqual([{ path: 'flowId', message: `no flow ${flow.id}` }]);
    const theirs = (await http().get('/api/flows').set(globex.as('owner')).expect(200)).body as FlowSummary[];
    expect(theirs.map((each) => each.id)).not.toContain(flow.id);
  });
});

describe('invalid bodies: 400 with a message (or the answer a valid body gets), never 5xx, nothing stored', () => {
  async function send(method: 'post' | 'put' | 'patch', path: string, body: unknown) {
    return sendJson(http()[method](path).set(acme.as('owner')), body);
  }

  /** Sends every generated body; `accepted` gives the status a body the schema accepts must get. */
  async function fuzz<S extends z.ZodType>(
    method: 'post' | 'put' | 'patch',
    path: string,
    schema: S,
    base: Record<string, unknown>,
    accepted: (body: z.output<S>) => number,
  ): Promise<number> {
    let acceptedCount = 0;
    for (const body of invalidBodies(base, 100)) {
      const parsed = schema.safeParse(body);
      const expected = parsed.success ? accepted(parsed.data) : 400;
      const response = await send(method, path, body);
      expect({ body, status: response.status }).toEqual({ body, status: expected });
      if (response.status === 400) expect(typeof response.body.message).toBe('string');
      if (parsed.success) acceptedCount += 1;
    }
    return acceptedCount;
  }

  const flowCount = async () => ((await http().get('/api/flows').set(acme.as('owner')).expect(200)).body as FlowSummary[]).length;

  it('POST /flows and POST /flows/import create a flow only for a valid body', async () => {
    const before = await flowCount();
    const created = await fuzz('post', '/api/flows', CreateFlowBodySchema, { name: 'Fuzzed', document: frontDesk() }, () => 201);
    const imported = await fuzz('post', '/api/flows/import', DraftDocumentSchema, frontDesk('Imported'), () => 201);
    expect(await flowCount()).toBe(before + created + imported);
  }, 300_000);


  it('PUT /flows/:id saves nothing from an invalid body (revision 0 never matches)', async () => {
    const flow = await flows.create('Target');
    await fuzz('put', `/api/flows/${flow.id}`, SaveDraftBodySchema, { revision: 0, document: frontDesk('Target') }, () => 409);
    const stored = await flows.get(flow.id);
    expect({ revision: stored.draftRevision, draft: stored.draft }).toEqual({ revision: 1, draft: flow.draft });
  }, 300_000);


  it('PATCH /flows/:id and POST /flows/:id/duplicate', async () => {
    const flow = await flows.create('Target');
    await fuzz('patch', `/api/flows/${flow.id}`, RenameFlowBodySchema, { name: '' }, () => 200);
    const before = await flowCount();
    const copies = await fuzz('post', `/api/flows/${flow.id}/duplicate`, DuplicateFlowBodySchema, { name: '' }, () => 201);
    expect(await flowCount()).toBe(before + copies);
  }, 300_000);


  it('POST /flows/:id/versions publishes only for a valid body', async () => {
    const flow = await flows.create('Target');
    const publishes = await fuzz('post', `/api/flows/${flow.id}/versions`, PublishFlowBodySchema, { notes: 'x'.repeat(2001), revision: 1 }, (body) =>
      body.revision === undefined || body.revision === 1 ? 201 : 409,
    );
    const versions = (await http().get(`/api/flows/${flow.id}/versions`).set(acme.as('owner')).expect(200)).body as FlowVersionSummary[];
    expect(versions).toHaveLength(publishes);
  }, 300_000);


  it('answers 400, not a database error, for revisions and version numbers beyond a PostgreSQL integer', async () => {
    const flow = await flows.create('Target');
    const huge = 2 ** 31;
    const responses = await Promise.all([
      send('put', `/api/flows/${flow.id}`, { revision: huge, document: frontDesk() }),
      send('post', `/api/flows/${flow.id}/versions`, { revision: huge }),
      send('post', `/api/flows/${flow.id}/rollback`, { version: huge }),
      http().get(`/api/flows/${flow.id}/export?version=${huge}`).set(acme.as('owner')),
    ]);
    expect(responses.map((response) => [response.status, response.body.issues?.[0]?.path])).toEqual([
      [400, 'revision'],
      [400, 'revision'],
      [400, 'version'],
      [400, 'version'],
    ]);
    expect((await flows.get(flow.id)).draftRevision).toBe(1);
  });

  it('POST /flows/:id/rollback changes nothing for a body that names no other version', async () => {
    const flow = await flows.create('Target');
    const version = await flows.publish(flow.id);
    await fuzz('post', `/api/flows/${flow.id}/rollback`, RollbackFlowBodySchema, { version: 0 }, (body) => (body.version === 1 ? 409 : 400));
    expect((await flows.get(flow.id)).activeVersion?.id).toBe(version.id);
  }, 300_000);

});
