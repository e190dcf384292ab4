import { Module } from '@nestjs/common';
import { CallHistoryArchiver } from '../calls/call-history-archiver';
import { CallWorkflowsGateway } from './call-workflows.gateway';
import { TemporalClientService } from './temporal-client.service';

@Module({ providers: [TemporalClientService, CallWorkflowsGateway, CallHistoryArchiver], exports: [CallWorkflowsGateway, CallHistoryArchiver] })
export class TemporalModule {}
