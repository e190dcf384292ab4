import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HttpRouter, RouteContext } from './http-router';
import { newConnectionId } from './ids';
import { seededRandom } from './prng';
import { E164_PATTERN } from './sandbox.schema';
import { telnyxErrors, validationError } from './telnyx-errors';
import { telnyx } from './telnyx-routes';

/** Where the sandbox has numbers for sale (Telnyx's inventory is the world; this is enough to try the flow). */
interface Area {
  country: string;
  dialCode: string;
  ndc: string;
  /** Digits after the national destination code. */
  subscriberDigits: number;
  locality: string;
  region: string;
}

const AREAS: readonly Area[] = [
  { country: 'US', dialCode: '1', ndc: '212', subscriberDigits: 7, locality: 'New York', region: 'NY' },
  { country: 'US', dialCode: '1', ndc: '312', subscriberDigits: 7, locality: 'Chicago', region: 'IL' },
  { country: 'US', dialCode: '1', ndc: '415', subscriberDigits: 7, locality: 'San Francisco', region: 'CA' },
  { country: 'US', dialCode: '1', ndc: '512', subscriberDigits: 7, locality: 'Austin', region: 'TX' },
  { country: 'US', dialCode: '1', ndc: '617', subscriberDigits: 7, locality: 'Boston', region: 'MA' },
  { country: 'CA', dialCode: '1', ndc: '416', subscriberDigits: 7, locality: 'Toronto', region: 'ON' },
  { country: 'GB', dialCode: '44', ndc: '20', subscriberDigits: 8, locality: 'London', region: 'England' },
  { country: 'DE', dialCode: '49', ndc: '30', subscriberDigits: 8, locality: 'Berlin', region: 'Berlin' },
];

const FEATURES = ['voice', 'sms', 'mms'];
const DEFAULT_PAGE_SIZE = 20;

interface OwnedNumber {
  id: string;
  phoneNumber: string;
  country: string;
  connectionId: string | null;
  customerReference: string | null;
  orderId: string;
  purchasedAt: number;
}

interface NumberOrder {
  id: string;
  numbers: OwnedNumber[];
  connectionId: string | null;
  customerReference: string | null;
  createdAt: number;
}

const NumberOrderCommandSchema = z.looseObject({
  phone_numbers: z
    .array(z.looseObject({ phone_number: z.string().regex(E164_PATTERN, 'must be an E.164 number') }))
    .min(1)
    .max(100),
  connection_id: z.string().min(1).optional(),
  customer_reference: z.string().max(256).optional(),
});

const limitOf = (value: string | null, fallback: number, max: number): number => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
};

/**
 * The account's phone numbers, as the number search, number orders and phone numbers endpoints of Telnyx v2 see
 * them: a deterministic inventory per search, orders that complete at once, release by deleting the phone number.
 * Numbers bought stay on the account across `reset()` (like a real account's); calls reach any number regardless.
 */
export class SandboxNumbers {
  private readonly owned = new Map<string, OwnedNumber>();
  private readonly orders = new Map<string, NumberOrder>();

  constructor(private readonly now: () => number) {}

  /** `GET /available_phone_numbers` with `filter[country_code|national_destination_code|locality|phone_number][contains]|features|limit]`. */
  search(query: URLSearchParams): unknown {
    const country = (query.get('filter[country_code]') ?? 'US').toUpperCase();
    const ndc = query.get('filter[national_destination_code]');
    const locality = query.get('filter[locality]')?.toLowerCase();
    const contains = (query.get('filter[phone_number][contains]') ?? '').replace(/\D/g, '');
    const features = (query.get('filter[features]') ?? '').split(',').filter((feature) => feature !== '');
    const limit = limitOf(query.get('filter[limit]'), 10, 100);
    const areas = AREAS.filter(
      (area) =>
        area.country === country &&
        (ndc === null || area.ndc === ndc) &&
        (locality === undefined || area.locality.toLowerCase() === locality) &&
        contains.length <= area.subscriberDigits &&
        features.every((feature) => FEATURES.includes(feature)),
    );
    const found = areas.length === 0 ? [] : this.inventory(areas, contains, limit, query.toString());
    const meta = { total_results: found.length, best_effort_results: 0 };
    return { data: found.map(({ area, phoneNumber }) => this.availablePayload(area, phoneNumber)), meta, metadata: meta };
  }

  /** `POST /number_orders`: every number must be for sale (not on an account); the order completes at once. */
  order(body: unknown): unknown {
    const parsed = NumberOrderCommandSchema.safeParse(body ?? {}, { reportInput: true });
    if (!parsed.success) throw validationError(parsed.error);
    const wanted = parsed.data.phone_numbers.map((entry) => entry.phone_number);
    const taken = wanted.filter((number, index) => this.findOwned(number) !== undefined || wanted.indexOf(number) !== index);
    if (taken.length > 0) throw telnyxErrors.invalidState(`Not available for purchase: ${taken.join(', ')}.`);
    const order: NumberOrder = {
      id: randomUUID(),
      numbers: [],
      connectionId: parsed.data.connection_id ?? null,
      customerReference: parsed.data.customer_reference ?? null,
      createdAt: this.now(),
    };
    for (const phoneNumber of wanted) {
      const number: OwnedNumber = {
        id: newConnectionId(),
        phoneNumber,
        country: AREAS.find((area) => phoneNumber.startsWith(`+${area.dialCode}${area.ndc}`))?.country ?? 'US',
        connectionId: order.connectionId,
        customerReference: order.customerReference,
        orderId: order.id,
        purchasedAt: order.createdAt,
      };
      order.numbers.push(number);
      this.owned.set(number.id, number);
    }
    this.orders.set(order.id, order);
    return { data: this.orderPayload(order) };
  }

  retrieveOrder(id: string): unknown {
    const order = this.orders.get(id);
    if (order === undefined) throw telnyxErrors.notFound(`No number order ${id}.`);
    return { data: this.orderPayload(order) };
  }

  /** `GET /phone_numbers`: `filter[phone_number]` matches numbers containing those digits; `page[number]`, `page[size]`. */
  list(query: URLSearchParams): unknown {
    const digits = (query.get('filter[phone_number]') ?? '').replace(/\D/g, '');
    const matching = [...this.owned.values()].filter((number) => number.phoneNumber.includes(digits));
    const pageSize = limitOf(query.get('page[size]'), DEFAULT_PAGE_SIZE, 250);
    const pageNumber = limitOf(query.get('page[number]'), 1, Number.MAX_SAFE_INTEGER);
    const data = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((number) => this.numberPayload(number, 'active'));
    return {
      data,
      meta: { page_number: pageNumber, page_size: pageSize, total_pages: Math.max(1, Math.ceil(matching.length / pageSize)), total_results: matching.length },
    };
  }

  retrieve(id: string): unknown {
    return { data: this.numberPayload(this.ownedById(id), 'active') };
  }

  /** `DELETE /phone_numbers/:id`: the number leaves the account and is for sale again. */
  release(id: string): unknown {
    const number = this.ownedById(id);
    this.owned.delete(id);
    return { data: this.numberPayload(number, 'deleted') };
  }

  private ownedById(id: string): OwnedNumber {
    const number = this.owned.get(id);
    if (number === undefined) throw telnyxErrors.notFound(`No phone number ${id} on this account.`);
    return number;
  }

  private findOwned(phoneNumber: string): OwnedNumber | undefined {
    return [...this.owned.values()].find((number) => number.phoneNumber === phoneNumber);
  }

  /** The same search finds the same numbers (minus those bought meanwhile): seeded by the query. */
  private inventory(areas: readonly Area[], contains: string, limit: number, seed: string): Array<{ area: Area; phoneNumber: string }> {
    const random = seededRandom(createHash('sha256').update(seed).digest().readUInt32LE(0));
    const found = new Map<string, Area>();
    for (let attempt = 0; attempt < limit * 20 && found.size < limit; attempt++) {
      const area = areas[attempt % areas.length] as Area;
      let subscriber = String(2 + Math.floor(random() * 8));
      while (subscriber.length < area.subscriberDigits) subscriber += String(Math.floor(random() * 10));
      if (contains !== '') {
        const at = Math.floor(random() * (area.subscriberDigits - contains.length + 1));
        subscriber = (subscriber.slice(0, at) + contains + subscriber.slice(at + contains.length)).slice(0, area.subscriberDigits);
      }
      const phoneNumber = `+${area.dialCode}${area.ndc}${subscriber}`;
      if (!found.has(phoneNumber) && this.findOwned(phoneNumber) === undefined) found.set(phoneNumber, area);
    }
    return [...found].map(([phoneNumber, area]) => ({ area, phoneNumber }));
  }

  private availablePayload(area: Area, phoneNumber: string): Record<string, unknown> {
    return {
      record_type: 'available_phone_number',
      phone_number: phoneNumber,
      vanity_format: '',
      best_effort: false,
      quickship: true,
      reservable: true,
      region_information: [
        { region_type: 'country_code', region_name: area.country },
        { region_type: 'location', region_name: area.locality },
        { region_type: 'state', region_name: area.region },
      ],
      cost_information: { upfront_cost: '1.00', monthly_cost: '1.00', currency: 'USD' },
      features: FEATURES.map((name) => ({ name })),
    };
  }

  private orderPayload(order: NumberOrder): Record<string, unknown> {
    const at = new Date(order.createdAt).toISOString();
    return {
      id: order.id,
      record_type: 'number_order',
      status: 'success',
      phone_numbers_count: order.numbers.length,
      phone_numbers: order.numbers.map((number) => ({
        id: randomUUID(),
        record_type: 'number_order_phone_number',
        phone_number: number.phoneNumber,
        country_code: number.country,
        phone_number_type: 'local',
        regulatory_requirements: [],
        requirements_met: true,
        status: 'success',
      })),
      connection_id: order.connectionId,
      customer_reference: order.customerReference,
      messaging_profile_id: null,
      billing_group_id: null,
      requirements_met: true,
      sub_number_orders_ids: [],
      created_at: at,
      updated_at: at,
    };
  }

  private numberPayload(number: OwnedNumber, status: 'active' | 'deleted'): Record<string, unknown> {
    const at = new Date(number.purchasedAt).toISOString();
    return {
      id: number.id,
      record_type: 'phone_number',
      phone_number: number.phoneNumber,
      status,
      country_iso_alpha2: number.country,
      phone_number_type: 'local',
      connection_id: number.connectionId,
      connection_name: null,
      customer_reference: number.customerReference,
      messaging_profile_id: null,
      billing_group_id: null,
      tags: [],
      external_pin: null,
      deletion_lock_enabled: false,
      emergency_enabled: false,
      call_forwarding_enabled: true,
      cnam_listing_enabled: false,
      caller_id_name_enabled: false,
      call_recording_enabled: false,
      t38_fax_gateway_enabled: false,
      source_type: 'number_order',
      purchased_at: at,
      created_at: at,
      updated_at: at,
    };
  }
}

const param = (context: RouteContext, name: string): string => context.params[name] ?? '';

/** Number search, number orders and the account's phone numbers, under `/telnyx/v2`. */
export function addNumberRoutes(router: HttpRouter, numbers: SandboxNumbers): void {
  router.add('GET', '/telnyx/v2/available_phone_numbers', telnyx((context) => numbers.search(context.query)));
  router.add('POST', '/telnyx/v2/number_orders', telnyx(async (context) => numbers.order(await context.json())));
  router.add('GET', '/telnyx/v2/number_orders/:id', telnyx((context) => numbers.retrieveOrder(param(context, 'id'))));
  router.add('GET', '/telnyx/v2/phone_numbers', telnyx((context) => numbers.list(context.query)));
  router.add('GET', '/telnyx/v2/phone_numbers/:id', telnyx((context) => numbers.retrieve(param(context, 'id'))));
  router.add('DELETE', '/telnyx/v2/phone_numbers/:id', telnyx((context) => numbers.release(param(context, 'id'))));
}
