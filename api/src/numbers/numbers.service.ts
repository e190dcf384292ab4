import {
  BadGatewayException,
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { AddNumberBody, AvailableNumber, AvailableNumbersQuery, NumberSource, PhoneNumber, PurchaseNumberBody, UpdateNumberBody } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../config';
import { FlowNotFoundError } from '../flows/flows.repository';
import { NumberTakenError, PhoneNumbersRepository } from '../flows/phone-numbers.repository';
import { CarrierRefusedError, CarrierUnavailableError, NumberCarrier } from './number-carrier';

function flowIdProblem(flowId: string): BadRequestException {
  const message = `no flow ${flowId}`;
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `flowId: ${message}`, issues: [{ path: 'flowId', message }] });
}

function carrierProblem(error: unknown): unknown {
  if (error instanceof CarrierRefusedError) return new UnprocessableEntityException(error.message);
  if (error instanceof CarrierUnavailableError) return new BadGatewayException(error.message);
  return error;
}

/**
 * The company's phone numbers. In sandbox mode any number can be added; with Telnyx a number is bought through a
 * number order (and released when removed) or added when it is already on the Telnyx account.
 */
@Injectable()
export class NumbersService {
  private readonly sandboxMode: boolean;

  constructor(
    @Inject(PhoneNumbersRepository) private readonly numbers: PhoneNumbersRepository,
    @Inject(NumberCarrier) private readonly carrier: NumberCarrier,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sandboxMode = config.telnyxApiKey === null;
  }

  list(caller: AuthContext, timeZone: string): Promise<PhoneNumber[]> {
    return this.numbers.list(caller.tenantId, timeZone);
  }

  async get(caller: AuthContext, id: string, timeZone: string): Promise<PhoneNumber> {
    const number = await this.numbers.find(caller.tenantId, id, timeZone);
    if (number === null) throw new NotFoundException(`No number ${id}`);
    return number;
  }

  async searchAvailable(query: AvailableNumbersQuery): Promise<AvailableNumber[]> {
    return this.carrier.search(query).catch((error: unknown) => Promise.reject(carrierProblem(error)));
  }

  async add(caller: AuthContext, body: AddNumberBody): Promise<PhoneNumber> {
    if (!this.sandboxMode) {
      const onAccount = await this.carrier.isOnAccount(body.number).catch((error: unknown) => Promise.reject(carrierProblem(error)));
      if (!onAccount) throw new UnprocessableEntityException(`${body.number} is not on the Telnyx account: purchase it (POST /api/numbers/purchase) or add it there first.`);
    }
    return this.get(caller, await this.store(caller, body, 'manual'), 'UTC');
  }

  /** Stores the number first (numbers are unique: a taken one is never bought), then orders it; a refused order removes it again. */
  async purchase(caller: AuthContext, body: PurchaseNumberBody): Promise<PhoneNumber> {
    const id = await this.store(caller, body, 'purchased');
    try {
      const orderId = await this.carrier.purchase(body.number, caller.tenantId);
      await this.numbers.recordCarrierOrder(caller.tenantId, id, orderId);
    } catch (error) {
      await this.numbers.delete(caller.tenantId, id);
      throw carrierProblem(error);
    }
    return this.get(caller, id, 'UTC');
  }

  async update(caller: AuthContext, id: string, body: UpdateNumberBody): Promise<PhoneNumber> {
    const updated = await this.numbers.update(caller.tenantId, id, body).catch((error: unknown) => {
      throw error instanceof FlowNotFoundError && body.flowId ? flowIdProblem(body.flowId) : error;
    });
    if (!updated) throw new NotFoundException(`No number ${id}`);
    return this.get(caller, id, 'UTC');
  }

  /** Removes the number; one bought here is released at the carrier first (if that fails, the number stays). */
  async remove(caller: AuthContext, id: string): Promise<void> {
    const number = await this.numbers.ownership(caller.tenantId, id);
    if (number === null) throw new NotFoundException(`No number ${id}`);
    if (number.source === 'purchased') await this.carrier.release(number.number).catch((error: unknown) => Promise.reject(carrierProblem(error)));
    await this.numbers.delete(caller.tenantId, id);
  }

  private async store(caller: AuthContext, body: AddNumberBody, source: NumberSource): Promise<string> {
    try {
      return await this.numbers.add(caller.tenantId, { ...body, source });
    } catch (error) {
      if (error instanceof NumberTakenError) throw new ConflictException(error.message);
      if (error instanceof FlowNotFoundError && body.flowId !== null) throw flowIdProblem(body.flowId);
      throw error;
    }
  }
}
