import request from 'supertest';
import { AddNumberBodySchema, PurchaseNumberBodySchema, UpdateNumberBodySchema, type FlowDetail, type PhoneNumber } from '@callflow/schemas';
import type { z } from 'zod';
import { invalidBodies, sendJson } from '../support/invalid-bodies';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { expectedStatuses, statusesByRole, type RouteUnderTest } from '../support/role-matrix';
import { uniqueNumber } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { numbersOnAccount, startCarrierServer, type CarrierServer } from './carrier-server';

let carrier: CarrierServer;
let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let flow: FlowDetail;
/** One of acme's numbers, for the read routes. */
let listed: PhoneNumber;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  carrier = await startCarrierServer();
  app = await startTestApp({ telnyxApiKey: null, telnyxApiBaseUrl: carrier.baseUrl });
  [acme, globex] = await Promise.all([createTenantWithUsers(app), createTenantWithUsers(app)]);
  flow = (await http().post('/api/flows').set(acme.as('admin')).send({ name: 'Main' }).expect(201)).body as FlowDetail;
  listed = await addNumber(acme);
}, 60_000);
afterAll(async () => {
  await app.close();
  await carrier.close();
});

async function addNumber(tenant: TenantLogins): Promise<PhoneNumber> {
  return (await http().post('/api/numbers').set(tenant.as('admin')).send({ number: uniqueNumber(), label: 'Line', flowId: null }).expect(201)).body as PhoneNumber;
}

async function freshNumberPath(): Promise<string> {
  return `/api/numbers/${(await addNumber(acme)).id}`;
}

const routes: Record<string, RouteUnderTest> = {
  'GET /numbers': { method: 'get', path: () => '/api/numbers?timeZone=Europe/Paris', minimumRole: 'supervisor', okStatus: 200 },
  'GET /numbers/available': { method: 'get', path: () => '/api/numbers/available?areaCode=312', minimumRole: 'admin', okStatus: 200 },
  'POST /numbers': { method: 'post', path: () => '/api/numbers', body: () => ({ number: uniqueNumber() }), minimumRole: 'admin', okStatus: 201 },
  'POST /numbers/purchase': { method: 'post', path: () => '/api/numbers/purchase', body: () => ({ number: uniqueNumber() }), minimumRole: 'admin', okStatus: 201 },
  'GET /numbers/:id': { method: 'get', path: () => `/api/numbers/${listed.id}`, minimumRole: 'supervisor', okStatus: 200 },
  'PATCH /numbers/:id': { method: 'patch', path: freshNumberPath, body: () => ({ flowId: flow.id }), minimumRole: 'admin', okStatus: 200 },
  'DELETE /numbers/:id': { method: 'delete', path: freshNumberPath, minimumRole: 'admin', okStatus: 204 },
};

describe('role × endpoint matrix', () => {
  it.each(Object.entries(routes))('%s', async (_name, route) => {
    expect(await statusesByRole(app, acme, route)).toEqual(expectedStatuses(route));
  });
});

describe('tenant isolation', () => {
  // Three entries each: with fewer, jest would pass `done` as the test's last argument.
  const idRoutes: Array<[string, 'get' | 'patch' | 'delete', object | null]> = [
    ['GET /numbers/:id', 'get', null],
    ['PATCH /numbers/:id', 'patch', { label: 'Hijacked', flowId: null }],
    ['DELETE /numbers/:id', 'delete', null],
  ];

  it.each(idRoutes)('%s: another company’s number answers 404 and nothing changes', async (_name, method, body) => {
    const bought = (await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number: uniqueNumber(), flowId: flow.id }).expect(201)).body as PhoneNumber;
    for (const role of ['owner', 'admin', 'supervisor'] as const) {
      const call = http()[method](`/api/numbers/${bought.id}`).set(globex.as(role));
      const response = await (body === null ? call : call.send(body));
      expect({ role, status: response.status }).toEqual({ role, status: method === 'get' || role !== 'supervisor' ? 404 : 403 });
    }
    expect((await http().get(`/api/numbers/${bought.id}`).set(acme.as('admin')).expect(200)).body).toEqual(bought);
    expect(await numbersOnAccount(carrier)).toContain(bought.number);
    expect(((await http().get('/api/numbers').set(globex.as('owner')).expect(200)).body as PhoneNumber[]).map((entry) => entry.id)).not.toContain(bought.id);
  });
});

describe('invalid bodies and queries: 400 with a message (or the answer a valid body gets), never 5xx, nothing stored', () => {
  async function fuzz<S extends z.ZodType>(
    method: 'post' | 'patch',
    path: string,
    schema: S,
    base: Record<string, unknown>,
    accepted: (body: z.output<S>) => number,
  ): Promise<Array<z.output<S>>> {
    const acceptedBodies: Array<z.output<S>> = [];
    for (const body of invalidBodies(base, 100)) {
      const parsed = schema.safeParse(body);
      const expected = parsed.success ? accepted(parsed.data) : 400;
      const response = await sendJson(http()[method](path).set(acme.as('owner')), body);
      expect({ body, status: response.status }).toEqual({ body, status: expected });
      if (response.status === 400) expect(typeof response.body.message).toBe('string');
      if (parsed.success) acceptedBodies.push(parsed.data);
    }
    return acceptedBodies;
  }

  const stored = async () => ((await http().get('/api/numbers').set(acme.as('owner')).expect(200)).body as PhoneNumber[]).length;

  it('POST /numbers and POST /numbers/purchase store a number only for a valid body', async () => {
    const before = await stored();
    const onAccount = (await numbersOnAccount(carrier)).length;
    // "+1" is never a valid number: a body is accepted only if a generated value happens to be one.
    const added = await fuzz('post', '/api/numbers', AddNumberBodySchema, { number: '+1', label: 'Line', flowId: flow.id }, () => 201);
    const bought = await fuzz('post', '/api/numbers/purchase', PurchaseNumberBodySchema, { number: '+1', label: 'Line', flowId: null }, () => 201);
    expect(await stored()).toBe(before + added.length + bought.length);
    expect((await numbersOnAccount(carrier)).length).toBe(onAccount + bought.length);
  }, 300_000);

  it('PATCH /numbers/:id changes the number only for a valid body', async () => {
    const target = await addNumber(acme);
    const applies = (body: z.output<typeof UpdateNumberBodySchema>) => body.flowId === undefined || body.flowId === null || body.flowId === flow.id;
    const changes = await fuzz('patch', `/api/numbers/${target.id}`, UpdateNumberBodySchema, { label: 'x'.repeat(81), flowId: 'not-a-uuid' }, (body) =>
      applies(body) ? 200 : 400,
    );
    const expected = changes.filter(applies).reduce<{ label: string; flowId: string | null }>(
      (state, change) => ({ label: change.label ?? state.label, flowId: change.flowId === undefined ? state.flowId : change.flowId }),
      { label: target.label, flowId: null },
    );
    const after = (await http().get(`/api/numbers/${target.id}`).set(acme.as('owner')).expect(200)).body as PhoneNumber;
    expect({ label: after.label, flowId: after.flow?.id ?? null }).toEqual(expected);
  }, 300_000);

  it.each([
    ['/api/numbers?timeZone=', 'timeZone'],
    ['/api/numbers?timeZone=Not/AZone', 'timeZone'],
    ['/api/numbers/available?countryCode=us', 'countryCode'],
    ['/api/numbers/available?areaCode=4', 'areaCode'],
    ['/api/numbers/available?contains=abc', 'contains'],
    ['/api/numbers/available?limit=0', 'limit'],
    ['/api/numbers/available?limit=lots', 'limit'],
    [`/api/numbers/available?locality=${'x'.repeat(81)}`, 'locality'],
  ])('GET %s answers 400 naming %s', async (path, field) => {
    const response = await http().get(path).set(acme.as('owner')).expect(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([field]);
  });
});
