import { Module } from '@nestjs/common';
import { NumberCarrier } from './number-carrier';
import { NumbersController } from './numbers.controller';
import { NumbersService } from './numbers.service';

/** Phone numbers: list with traffic, add, buy and release through the carrier, assign to flows. */
@Module({
  controllers: [NumbersController],
  providers: [NumbersService, NumberCarrier],
})
export class NumbersModule {}
