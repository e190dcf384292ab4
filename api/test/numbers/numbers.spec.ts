import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { FlowDetail, PhoneNumber } from '@callflow/schemas';
import { CallsRepository } from '../../src/calls/calls.repository';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { uniqueNumber } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let acme: TenantLogins;
let globex: TenantLogins;
let mainFlow: FlowDetail;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  [acme, globex] = await Promise.all([createTenantWithUsers(app), createTenantWithUsers(app)]);
  mainFlow = (await http().post('/api/flows').set(acme.as('admin')).send({ name: 'Main line' }).expect(201)).body as FlowDetail;
  await http().post(`/api/flows/${mainFlow.id}/versions`).set(acme.as('admin')).send({}).expect(201);
}, 60_000);
afterAll(() => app.close());

async function add(tenant: TenantLogins, body: Record<string, unknown>): Promise<PhoneNumber> {
  return (await http().post('/api/numbers').set(tenant.as('admin')).send(body).expect(201)).body as PhoneNumber;
}

describe('numbers in sandbox mode', () => {
  it('adds any E.164 number, with a label and a flow, and lists it', async () => {
    const number = uniqueNumber();
    const added = await add(acme, { number, label: ' Main line ', flowId: mainFlow.id });

    expect(added).toEqual({
      id: expect.any(String),
      number,
      label: 'Main line',
      flow: { id: mainFlow.id, name: 'Main line' },
      source: 'manual',
      lastCallAt: null,
      callsToday: 0,
      createdAt: expect.any(String),
    });
    const list = (await http().get('/api/numbers').set(acme.as('supervisor')).expect(200)).body as PhoneNumber[];
    expect(list).toContainEqual(added);
    expect((await http().get(`/api/numbers/${added.id}`).set(acme.as('supervisor')).expect(200)).body).toEqual(added);
    expect(await app.get(FlowsRepository).resolveNumber(number)).toMatchObject({ status: 'ok', flowId: mainFlow.id, tenantId: acme.tenantId });
  });

  it('keeps numbers unique across companies: a taken number answers 409 and stays where it is', async () => {
    const number = uniqueNumber();
    const added = await add(acme, { number, flowId: mainFlow.id });

    const otherCompany = await http().post('/api/numbers').set(globex.as('admin')).send({ number }).expect(409);
    await http().post('/api/numbers').set(acme.as('admin')).send({ number }).expect(409);

    expect(otherCompany.body.message).toBe(`${number} is already in use`);
    expect(((await http().get('/api/numbers').set(globex.as('admin')).expect(200)).body as PhoneNumber[]).map((entry) => entry.number)).not.toContain(number);
    expect((await http().get(`/api/numbers/${added.id}`).set(acme.as('admin')).expect(200)).body).toEqual(added);
  });

  it('assigns a flow, relabels, unassigns; refuses a flow that is not the company’s', async () => {
    const added = await add(acme, { number: uniqueNumber() });
    expect(added.flow).toBeNull();

    const assigned = (await http().patch(`/api/numbers/${added.id}`).set(acme.as('admin')).send({ flowId: mainFlow.id }).expect(200)).body as PhoneNumber;
    expect(assigned).toMatchObject({ flow: { id: mainFlow.id, name: 'Main line' }, label: '' });
    const relabelled = (await http().patch(`/api/numbers/${added.id}`).set(acme.as('admin')).send({ label: 'Sales' }).expect(200)).body as PhoneNumber;
    expect(relabelled).toMatchObject({ flow: { id: mainFlow.id }, label: 'Sales' });

    const foreignFlow = (await http().post('/api/flows').set(globex.as('admin')).send({ name: 'Theirs' }).expect(201)).body as FlowDetail;
    for (const flowId of [foreignFlow.id, randomUUID()]) {
      const refused = await http().patch(`/api/numbers/${added.id}`).set(acme.as('admin')).send({ flowId }).expect(400);
      expect(refused.body.issues).toEqual([{ path: 'flowId', message: `no flow ${flowId}` }]);
    }
    await http().post('/api/numbers').set(acme.as('admin')).send({ number: uniqueNumber(), flowId: foreignFlow.id }).expect(400);

    const unassigned = (await http().patch(`/api/numbers/${added.id}`).set(acme.as('admin')).send({ flowId: null }).expect(200)).body as PhoneNumber;
    expect(unassigned).toMatchObject({ flow: null, label: 'Sales' });
    expect(await app.get(FlowsRepository).resolveNumber(added.number)).toEqual({ status: 'no-flow', tenantId: acme.tenantId });
  });

  it('shows each number’s last call and its calls since midnight in the time zone asked, from the call log', async () => {
    const number = uniqueNumber();
    const added = await add(acme, { number, flowId: mainFlow.id });
    const calls = app.get(CallsRepository);
    const now = Date.now();
    const hoursAgo = [0.02, 5, 13, 23, 30];
    for (const [index, hours] of hoursAgo.entries()) {
      await calls.openCall({
        tenantId: acme.tenantId,
        callSessionId: randomUUID(),
        workflowId: `call-${index}`,
        flowId: mainFlow.id,
        flowVersionId: mainFlow.id,
        from: '+12125550100',
        to: number,
        startedAt: new Date(now - hours * 3_600_000),
      });
    }
    // Another company's (older) call to the same number is not this company's traffic.
    await calls.openCall({ tenantId: globex.tenantId, callSessionId: randomUUID(), workflowId: 'other', flowId: mainFlow.id, flowVersionId: mainFlow.id, from: '+12125550100', to: number, startedAt: new Date(now) });

    const localDay = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    for (const timeZone of ['UTC', 'Pacific/Kiritimati', 'America/Adak']) {
      const expectedToday = hoursAgo.filter((hours) => localDay(now - hours * 3_600_000, timeZone) === localDay(Date.now(), timeZone)).length;
      const list = (await http().get(`/api/numbers?timeZone=${encodeURIComponent(timeZone)}`).set(acme.as('supervisor')).expect(200)).body as PhoneNumber[];
      expect({ timeZone, entry: list.find((entry) => entry.id === added.id) }).toEqual({
        timeZone,
        entry: { ...added, lastCallAt: new Date(now - 0.02 * 3_600_000).toISOString(), callsToday: expectedToday },
      });
    }
    const invalid = await http().get('/api/numbers?timeZone=Mars/Olympus').set(acme.as('supervisor')).expect(400);
    expect(invalid.body.issues).toEqual([{ path: 'timeZone', message: expect.stringContaining('Mars/Olympus') }]);
  });

  it('deletes a number: calls to it are no longer routed, and it can be added again', async () => {
    const number = uniqueNumber();
    const added = await add(acme, { number, flowId: mainFlow.id });
    await http().delete(`/api/numbers/${added.id}`).set(acme.as('admin')).expect(204);
    await http().get(`/api/numbers/${added.id}`).set(acme.as('admin')).expect(404);
    await http().delete(`/api/numbers/${added.id}`).set(acme.as('admin')).expect(404);
    expect(await app.get(FlowsRepository).resolveNumber(number)).toEqual({ status: 'unknown-number' });
    await add(globex, { number });
  });
});
