import { Inject, Injectable } from '@nestjs/common';
import type { AvailableNumber, AvailableNumbersQuery } from '@callflow/schemas';
import Telnyx from 'telnyx';
import { APP_CONFIG, type AppConfig } from '../config';

/** The carrier refused the request (4xx): the number is not available, not on the account… */
export class CarrierRefusedError extends Error {}

/** The carrier could not be reached or failed (network, timeout, 5xx): worth trying again later. */
export class CarrierUnavailableError extends Error {}

type AvailableRecord = NonNullable<Telnyx.AvailablePhoneNumberListResponse['data']>[number];

function region(record: AvailableRecord, type: 'location' | 'state' | 'rate_center'): string | null {
  return record.region_information?.find((entry) => entry.region_type === type)?.region_name ?? null;
}

function toAvailableNumber(record: AvailableRecord): AvailableNumber[] {
  if (record.phone_number === undefined) return [];
  return [
    {
      number: record.phone_number,
      locality: region(record, 'location') ?? region(record, 'rate_center'),
      region: region(record, 'state'),
      features: (record.features ?? []).flatMap((feature) => (feature.name === undefined ? [] : [feature.name])),
      monthlyCost: record.cost_information?.monthly_cost ?? null,
      upfrontCost: record.cost_information?.upfront_cost ?? null,
      currency: record.cost_information?.currency ?? null,
    },
  ];
}

function carrierDetail(error: InstanceType<typeof Telnyx.APIError>): string {
  const body = error.error as { errors?: Array<{ title?: string; detail?: string }> } | undefined;
  const details = (body?.errors ?? []).map((entry) => entry.detail ?? entry.title ?? '').filter((text) => text !== '');
  return details.length > 0 ? details.join('; ') : error.message;
}

/**
 * The carrier's phone number inventory through the official Telnyx SDK: search, order (buy) and release. In sandbox
 * mode the sandbox carrier answers the same endpoints, so both modes run this code.
 */
@Injectable()
export class NumberCarrier {
  private readonly telnyx: Telnyx;
  private readonly connectionId: string | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.telnyx = new Telnyx({ apiKey: config.telnyxApiKey ?? 'sandbox', baseURL: config.telnyxApiBaseUrl, maxRetries: 0, timeout: 15_000 });
    this.connectionId = config.telnyxConnectionId;
  }

  async search(query: AvailableNumbersQuery): Promise<AvailableNumber[]> {
    const response = await this.request(() =>
      this.telnyx.availablePhoneNumbers.list({
        filter: {
          country_code: query.countryCode,
          national_destination_code: query.areaCode,
          locality: query.locality,
          phone_number: query.contains === undefined ? undefined : { contains: query.contains },
          features: ['voice'],
          limit: query.limit,
        },
      }),
    );
    return (response.data ?? []).flatMap(toAvailableNumber);
  }

  /** Orders the number for the account (voice on the configured Call Control application); returns the order id. */
  async purchase(number: string, customerReference: string): Promise<string> {
    const response = await this.request(() =>
      this.telnyx.numberOrders.create({
        phone_numbers: [{ phone_number: number }],
        customer_reference: customerReference,
        ...(this.connectionId === null ? {} : { connection_id: this.connectionId }),
      }),
    );
    const order = response.data;
    if (order?.id === undefined) throw new CarrierUnavailableError('The carrier answered the number order without an order id.');
    if (order.status === 'failure') throw new CarrierRefusedError(`The carrier could not order ${number} (order ${order.id} failed).`);
    return order.id;
  }

  /** Whether the number is on the carrier account (a number bought elsewhere, e.g. in the Telnyx portal). */
  async isOnAccount(number: string): Promise<boolean> {
    return (await this.owned(number)).length > 0;
  }

  /** Gives the number back to the carrier; a number already gone is fine. */
  async release(number: string): Promise<void> {
    for (const id of await this.owned(number)) await this.request(() => this.telnyx.phoneNumbers.delete(id));
  }

  private async owned(number: string): Promise<string[]> {
    const page = await this.request(() => this.telnyx.phoneNumbers.list({ filter: { phone_number: number } }));
    return page.data.filter((record) => record.phone_number === number).map((record) => record.id);
  }

  private async request<T>(send: () => PromiseLike<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof Telnyx.APIError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
        throw new CarrierRefusedError(`The carrier refused: ${carrierDetail(error)}`);
      }
      throw new CarrierUnavailableError(`The carrier could not be reached: ${(error as Error).message}`);
    }
  }
}
