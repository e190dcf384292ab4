import { Module } from '@nestjs/common';
import { CallWorkflowsGateway } from './call-workflows.gateway';
import { TemporalClientService } from './temporal-client.service';

@Module({ providers: [TemporalClientService, CallWorkflowsGateway], exports: [CallWorkflowsGateway] })
export class TemporalModule {}
