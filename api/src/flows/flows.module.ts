import { Module } from '@nestjs/common';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';

/** Flows, drafts, published versions, diffs and rollback. */
@Module({
  controllers: [FlowsController],
  providers: [FlowsService],
})
export class FlowsModule {}
