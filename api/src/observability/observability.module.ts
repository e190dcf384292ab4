import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthLogContextInterceptor } from './auth-log-context.interceptor';
import { CallMetrics } from './call-metrics';
import { MetricsAccessGuard, MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { RunningCallsRepository } from './running-calls.repository';
import { WebhookTelemetryInterceptor } from './webhook-telemetry.interceptor';

/** Metrics (`GET /metrics`), the log context of authenticated requests, and webhook tracing. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    RunningCallsRepository,
    MetricsRegistry,
    CallMetrics,
    MetricsAccessGuard,
    WebhookTelemetryInterceptor,
    { provide: APP_INTERCEPTOR, useClass: AuthLogContextInterceptor },
  ],
  exports: [MetricsRegistry, CallMetrics, WebhookTelemetryInterceptor],
})
export class ObservabilityModule {}
