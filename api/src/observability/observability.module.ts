import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CallMetrics } from './call-metrics';
import { MetricsAccessGuard, MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { RequestLogContextInterceptor } from './request-log-context';
import { RunningCallsRepository } from './running-calls.repository';
import { WebhookTelemetryInterceptor } from './webhook-telemetry.interceptor';

/** Metrics (`GET /metrics`), the log context of requests, and webhook tracing. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    RunningCallsRepository,
    MetricsRegistry,
    CallMetrics,
    MetricsAccessGuard,
    WebhookTelemetryInterceptor,
    { provide: APP_INTERCEPTOR, useClass: RequestLogContextInterceptor },
  ],
  exports: [MetricsRegistry, CallMetrics, WebhookTelemetryInterceptor],
})
export class ObservabilityModule {}
