import Telnyx from 'telnyx';
import { numbersOnAccount, startCarrierServer, type CarrierServer } from './carrier-server';

/** The sandbox carrier's number endpoints, driven through the official SDK exactly as the API drives them. */
describe('sandbox carrier: number search, number orders, phone numbers', () => {
  let carrier: CarrierServer;

  beforeEach(async () => {
    carrier = await startCarrierServer();
  });
  afterEach(() => carrier.close());

  const search = async (filter: Telnyx.AvailablePhoneNumberListParams['filter']) =>
    ((await carrier.telnyx.availablePhoneNumbers.list({ filter })).data ?? []).map((record) => record.phone_number ?? '');

  it('finds numbers for the filters asked, the same ones for the same search', async () => {
    const response = await carrier.telnyx.availablePhoneNumbers.list({ filter: { country_code: 'US', national_destination_code: '415', limit: 4 } });
    const numbers = (response.data ?? []).map((record) => record.phone_number);

    expect(numbers).toHaveLength(4);
    for (const number of numbers) expect(number).toMatch(/^\+1415[2-9]\d{6}$/);
    expect(new Set(numbers).size).toBe(4);
    expect(response.data?.[0]).toMatchObject({
      record_type: 'available_phone_number',
      region_information: expect.arrayContaining([{ region_type: 'location', region_name: 'San Francisco' }, { region_type: 'state', region_name: 'CA' }]),
      cost_information: { currency: 'USD', monthly_cost: expect.any(String), upfront_cost: expect.any(String) },
      features: expect.arrayContaining([{ name: 'voice' }]),
    });
    expect(await search({ country_code: 'US', national_destination_code: '415', limit: 4 })).toEqual(numbers);

    for (const number of await search({ country_code: 'US', phone_number: { contains: '7777' }, limit: 5 })) expect(number).toContain('7777');
    expect(await search({ country_code: 'GB', limit: 2 })).toEqual([expect.stringMatching(/^\+4420\d{8}$/), expect.stringMatching(/^\+4420\d{8}$/)]);
    const boston = await search({ country_code: 'US', locality: 'boston', limit: 3 });
    expect(boston).toHaveLength(3);
    for (const number of boston) expect(number.startsWith('+1617')).toBe(true);
    expect(await search({ country_code: 'US', national_destination_code: '999' })).toEqual([]);
    expect(await search({ country_code: 'FR' })).toEqual([]);
    expect(await search({ country_code: 'US', features: ['fax'] })).toEqual([]);
  });

  it('orders numbers onto the account, takes them out of the search, and releases them', async () => {
    const [first = '', second = ''] = await search({ country_code: 'US', national_destination_code: '212', limit: 2 });

    const order = await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: first }], customer_reference: 'tenant-1', connection_id: '1234' });

    expect(order.data).toMatchObject({
      record_type: 'number_order',
      status: 'success',
      phone_numbers_count: 1,
      customer_reference: 'tenant-1',
      connection_id: '1234',
      phone_numbers: [expect.objectContaining({ phone_number: first, status: 'success' })],
    });
    expect((await carrier.telnyx.numberOrders.retrieve(order.data?.id ?? '')).data?.status).toBe('success');
    expect(await numbersOnAccount(carrier)).toEqual([first]);
    expect(await search({ country_code: 'US', national_destination_code: '212', limit: 2 })).not.toContain(first);
    const [owned] = (await carrier.telnyx.phoneNumbers.list({ filter: { phone_number: first } })).data;
    expect(owned).toMatchObject({ phone_number: first, status: 'active', connection_id: '1234', customer_reference: 'tenant-1' });

    const refused = await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: second }, { phone_number: first }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect((refused as InstanceType<typeof Telnyx.APIError>).message).toContain(first);
    expect(await numbersOnAccount(carrier)).toEqual([first]);

    const released = await carrier.telnyx.phoneNumbers.delete(owned?.id ?? '');
    expect(released.data).toMatchObject({ phone_number: first, status: 'deleted' });
    expect(await numbersOnAccount(carrier)).toEqual([]);
    await expect(carrier.telnyx.phoneNumbers.delete(owned?.id ?? '')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });

  it('pages the account’s numbers', async () => {
    const wanted = Array.from({ length: 12 }, (_unused, index) => `+1312555${String(1000 + index)}`);
    await carrier.telnyx.numberOrders.create({ phone_numbers: wanted.map((phone_number) => ({ phone_number })) });
    const firstPage = await carrier.telnyx.phoneNumbers.list({ 'page[size]': 5 });
    expect(firstPage.data).toHaveLength(5);
    expect(firstPage.meta).toMatchObject({ page_number: 1, page_size: 5, total_pages: 3, total_results: 12 });
    expect(await numbersOnAccount(carrier)).toEqual(wanted);
  });

  it('refuses what Telnyx refuses: no credentials, a malformed order, an unknown order', async () => {
    const anonymous = await fetch(`${carrier.baseUrl}/available_phone_numbers`);
    expect(anonymous.status).toBe(401);

    const missing = await carrier.telnyx.numberOrders.create({}).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    expect((missing as InstanceType<typeof Telnyx.APIError>).error).toEqual({
      errors: [expect.objectContaining({ code: '10004', source: { pointer: '/phone_numbers' } })],
    });
    const malformed = await carrier.telnyx.numberOrders.create({ phone_numbers: [{ phone_number: '4155550100' }] }).catch((error: unknown) => error);
    expect(malformed).toBeInstanceOf(Telnyx.UnprocessableEntityError);
    await expect(carrier.telnyx.numberOrders.retrieve('no-such-order')).rejects.toBeInstanceOf(Telnyx.NotFoundError);
  });
});
