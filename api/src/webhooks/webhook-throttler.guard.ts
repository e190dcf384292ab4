import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config';
import { WebhookMetrics } from './webhook-metrics';

/**
 * Webhook deliveries per source address: WEBHOOK_RATE_LIMIT a second (generous: a carrier's bursts are legitimate).
 * Beyond it 429 with Retry-After, which Telnyx answers by redelivering later. Runs before the body is verified, so a
 * flood of junk costs no signature check.
 */
@Injectable()
export class WebhookThrottlerGuard extends ThrottlerGuard {
  private readonly perSecond: number;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
  ) {
    super(options, storage, reflector);
    this.perSecond = config.webhookRateLimit;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return String(request.ip);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({ ...request, limit: this.perSecond, ttl: 1000, blockDuration: 1000 });
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.increment('throttled');
    await super.throwThrottlingException(context, detail);
  }
}
