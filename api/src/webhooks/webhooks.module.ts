import { Module } from '@nestjs/common';
import { TemporalModule } from '../temporal/temporal.module';
import { CallAdmission } from './call-admission';
import { CallEventRouter } from './call-event-router';
import { TelnyxWebhookController } from './telnyx-webhook.controller';
import { WebhookIngestService } from './webhook-ingest.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookThrottlerGuard } from './webhook-throttler.guard';

@Module({
  imports: [TemporalModule],
  controllers: [TelnyxWebhookController],
  providers: [WebhookMetrics, WebhookThrottlerGuard, CallAdmission, CallEventRouter, WebhookIngestService],
  exports: [WebhookMetrics, WebhookIngestService],
})
export class WebhooksModule {}
