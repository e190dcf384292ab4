import { Module } from '@nestjs/common';
import { CallHistoryArchiver } from '../calls/call-history-archiver';
import { RecordingCollector } from '../calls/recording-collector';
import { CallWorkflowsGateway } from './call-workflows.gateway';
import { TemporalClientService } from './temporal-client.service';

@Module({
  providers: [TemporalClientService, CallWorkflowsGateway, CallHistoryArchiver, RecordingCollector],
  exports: [TemporalClientService, CallWorkflowsGateway, CallHistoryArchiver, RecordingCollector],
})
export class TemporalModule {}
