import request from 'supertest';
import type { AvailableNumber, PhoneNumber } from '@callflow/schemas';
import { findFreePort } from '@callflow/deploy';
import { PhoneNumbersRepository } from '../../src/flows/phone-numbers.repository';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { uniqueNumber } from '../support/seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { numbersOnAccount, startCarrierServer, type CarrierServer } from './carrier-server';

let carrier: CarrierServer;

beforeAll(async () => {
  carrier = await startCarrierServer();
});
afterAll(() => carrier.close());

async function storedNumbers(app: TestApp, tenant: TenantLogins): Promise<PhoneNumber[]> {
  return (await request(app.app.getHttpServer()).get('/api/numbers').set(tenant.as('admin')).expect(200)).body as PhoneNumber[];
}

describe('sandbox mode: buying through the same SDK calls as with Telnyx, answered by the sandbox carrier', () => {
  let app: TestApp;
  let acme: TenantLogins;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    app = await startTestApp({ telnyxApiKey: null, telnyxApiBaseUrl: carrier.baseUrl });
    acme = await createTenantWithUsers(app);
  }, 60_000);
  afterAll(() => app.close());

  it('searches available numbers, buys one (recording the order), and releases it when removed', async () => {
    const available = (await http().get('/api/numbers/available?areaCode=617&limit=3').set(acme.as('admin')).expect(200)).body as AvailableNumber[];
    expect(available).toHaveLength(3);
    expect(available[0]).toEqual({
      number: expect.stringMatching(/^\+1617\d{7}$/),
      locality: 'Boston',
      region: 'MA',
      features: ['voice', 'sms', 'mms'],
      monthlyCost: '1.00',
      upfrontCost: '1.00',
      currency: 'USD',
    });
    const wanted = available[0]?.number ?? '';

    const bought = (await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number: wanted, label: 'Boston office' }).expect(201)).body as PhoneNumber;

    expect(bought).toMatchObject({ number: wanted, label: 'Boston office', source: 'purchased', flow: null });
    expect(await numbersOnAccount(carrier)).toContain(wanted);
    const [row]: Array<{ carrier_order_id: string }> = await app.dataSource.query('SELECT carrier_order_id FROM phone_numbers WHERE id = $1', [bought.id]);
    const order = (await carrier.telnyx.numberOrders.retrieve(row?.carrier_order_id ?? '')).data;
    expect(order).toMatchObject({ customer_reference: acme.tenantId, phone_numbers: [expect.objectContaining({ phone_number: wanted })] });
    const again = (await http().get('/api/numbers/available?areaCode=617&limit=3').set(acme.as('admin')).expect(200)).body as AvailableNumber[];
    expect(again.map((entry) => entry.number)).not.toContain(wanted);

    await http().delete(`/api/numbers/${bought.id}`).set(acme.as('admin')).expect(204);
    expect(await numbersOnAccount(carrier)).not.toContain(wanted);
    expect((await storedNumbers(app, acme)).map((entry) => entry.number)).not.toContain(wanted);
  });

  it('stores nothing when the carrier refuses the order (422), and never orders a number already in use here (409)', async () => {
    const elsewhere = uniqueNumber();
    await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: elsewhere }] });
    const refused = await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number: elsewhere }).expect(422);
    expect(refused.body.message).toContain(`Not available for purchase: ${elsewhere}`);
    expect((await storedNumbers(app, acme)).map((entry) => entry.number)).not.toContain(elsewhere);

    const manual = uniqueNumber();
    await http().post('/api/numbers').set(acme.as('admin')).send({ number: manual }).expect(201);
    await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number: manual }).expect(409);
    expect(await numbersOnAccount(carrier)).not.toContain(manual);
  });

  it('removes a number added by hand without touching the carrier account', async () => {
    const shared = uniqueNumber();
    await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: shared }] });
    const added = (await http().post('/api/numbers').set(acme.as('admin')).send({ number: shared }).expect(201)).body as PhoneNumber;
    await http().delete(`/api/numbers/${added.id}`).set(acme.as('admin')).expect(204);
    expect(await numbersOnAccount(carrier)).toContain(shared);
  });

  it('refuses invalid searches with 400 naming the field', async () => {
    const refused = await http().get('/api/numbers/available?countryCode=usa&limit=500').set(acme.as('admin')).expect(400);
    expect(refused.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['countryCode', 'limit']);
  });
});

describe('Telnyx mode (TELNYX_API_KEY set; the carrier here is the sandbox standing in for api.telnyx.com)', () => {
  let app: TestApp;
  let acme: TenantLogins;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    app = await startTestApp({ telnyxApiKey: 'KEY_live_stand_in', telnyxApiBaseUrl: carrier.baseUrl, telnyxConnectionId: '2233445566' });
    acme = await createTenantWithUsers(app);
  }, 60_000);
  afterAll(() => app.close());

  it('adds a number only when it is on the Telnyx account; otherwise 422 and nothing stored', async () => {
    const notOwned = uniqueNumber();
    const refused = await http().post('/api/numbers').set(acme.as('admin')).send({ number: notOwned }).expect(422);
    expect(refused.body.message).toContain(`${notOwned} is not on the Telnyx account`);
    expect((await storedNumbers(app, acme)).map((entry) => entry.number)).not.toContain(notOwned);

    const owned = uniqueNumber();
    await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: owned }] });
    const added = (await http().post('/api/numbers').set(acme.as('admin')).send({ number: owned }).expect(201)).body as PhoneNumber;
    expect(added).toMatchObject({ number: owned, source: 'manual' });
  });

  it('buys numbers on the configured Call Control application', async () => {
    const wanted = uniqueNumber();
    const bought = (await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number: wanted }).expect(201)).body as PhoneNumber;
    expect(bought.source).toBe('purchased');
    const [record] = (await carrier.telnyx.phoneNumbers.list({ filter: { phone_number: wanted } })).data;
    expect(record).toMatchObject({ phone_number: wanted, connection_id: '2233445566', customer_reference: acme.tenantId });
  });
});

describe('carrier unreachable', () => {
  let app: TestApp;
  let acme: TenantLogins;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    const closedPort = await findFreePort('127.0.0.1');
    app = await startTestApp({ telnyxApiKey: null, telnyxApiBaseUrl: `http://127.0.0.1:${closedPort}/telnyx/v2` });
    acme = await createTenantWithUsers(app);
  }, 60_000);
  afterAll(() => app.close());

  it('answers 502 for searches and purchases, and stores nothing', async () => {
    const search = await http().get('/api/numbers/available').set(acme.as('admin')).expect(502);
    expect(search.body.message).toContain('The carrier could not be reached');
    const number = uniqueNumber();
    await http().post('/api/numbers/purchase').set(acme.as('admin')).send({ number }).expect(502);
    expect(await storedNumbers(app, acme)).toEqual([]);
    // Sandbox mode: a number added by hand needs no carrier.
    await http().post('/api/numbers').set(acme.as('admin')).send({ number }).expect(201);
  });

  it('keeps a bought number when it cannot be released (502), so that it is not paid for unseen', async () => {
    const number = uniqueNumber();
    const id = await app.get(PhoneNumbersRepository).add(acme.tenantId, { number, label: '', flowId: null, source: 'purchased' });
    await http().delete(`/api/numbers/${id}`).set(acme.as('admin')).expect(502);
    expect((await storedNumbers(app, acme)).map((entry) => entry.number)).toContain(number);
  });
});
