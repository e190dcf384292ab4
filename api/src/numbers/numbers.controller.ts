import { Controller, Delete, Get, HttpCode, Inject, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddNumberBodySchema,
  AvailableNumberSchema,
  AvailableNumbersQuerySchema,
  NumbersQuerySchema,
  PhoneNumberSchema,
  PurchaseNumberBodySchema,
  UpdateNumberBodySchema,
  type AddNumberBody,
  type AvailableNumber,
  type AvailableNumbersQuery,
  type NumbersQuery,
  type PhoneNumber,
  type PurchaseNumberBody,
  type UpdateNumberBody,
} from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { UuidParam, ZodBody, ZodQuery, ZodResponse } from '../http/zod-validation';
import { NumbersService } from './numbers.service';

/** Supervisors see the numbers and their traffic; admins add, buy, assign and remove them. */
@ApiTags('numbers')
@Controller('numbers')
@RequireRole('admin')
export class NumbersController {
  constructor(@Inject(NumbersService) private readonly numbers: NumbersService) {}

  @Get()
  @RequireRole('supervisor')
  @ZodResponse(z.array(PhoneNumberSchema))
  list(@Auth() caller: AuthContext, @ZodQuery(NumbersQuerySchema) query: NumbersQuery): Promise<PhoneNumber[]> {
    return this.numbers.list(caller, query.timeZone);
  }

  @Get('available')
  @ZodResponse(z.array(AvailableNumberSchema))
  available(@ZodQuery(AvailableNumbersQuerySchema) query: AvailableNumbersQuery): Promise<AvailableNumber[]> {
    return this.numbers.searchAvailable(query);
  }

  @Post()
  @ZodResponse(PhoneNumberSchema, 201)
  add(@Auth() caller: AuthContext, @ZodBody(AddNumberBodySchema) body: AddNumberBody): Promise<PhoneNumber> {
    return this.numbers.add(caller, body);
  }

  @Post('purchase')
  @ZodResponse(PhoneNumberSchema, 201)
  purchase(@Auth() caller: AuthContext, @ZodBody(PurchaseNumberBodySchema) body: PurchaseNumberBody): Promise<PhoneNumber> {
    return this.numbers.purchase(caller, body);
  }

  @Get(':id')
  @RequireRole('supervisor')
  @ZodResponse(PhoneNumberSchema)
  get(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodQuery(NumbersQuerySchema) query: NumbersQuery): Promise<PhoneNumber> {
    return this.numbers.get(caller, id, query.timeZone);
  }

  @Patch(':id')
  @ZodResponse(PhoneNumberSchema)
  update(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(UpdateNumberBodySchema) body: UpdateNumberBody): Promise<PhoneNumber> {
    return this.numbers.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.numbers.remove(caller, id);
  }
}
