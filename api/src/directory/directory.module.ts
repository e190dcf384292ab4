import { Module } from '@nestjs/common';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { MailboxesController, QueuesController, RingGroupsController } from './directory-crud.controller';
import { DirectoryService } from './directory.service';
import { SchedulesController } from './schedules.controller';
import { SchedulesService } from './schedules.service';

/** REST over the directory: agents, ring groups, queues, voicemail boxes, schedules and holiday presets. */
@Module({
  controllers: [AgentsController, RingGroupsController, QueuesController, MailboxesController, SchedulesController],
  providers: [DirectoryService, AgentsService, SchedulesService],
  exports: [AgentsService],
})
export class DirectoryModule {}
