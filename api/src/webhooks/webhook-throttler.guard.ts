import type { Request, Response } from 'express';
import { Inject, Injectable, type CanActivate, type ExecutionContext, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerException, ThrottlerStorageService } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config';
import { WebhookMetrics } from './webhook-metrics';

const WINDOW_MS = 1000;

/**
 * Webhook deliveries per source address: WEBHOOK_RATE_LIMIT a second (generous: a carrier's bursts are legitimate).
 * Beyond it 429 with Retry-After, which Telnyx answers by redelivering later. Runs before the body is verified, so a
 * flood of junk costs no signature check. Its own counters (the throttler's storage), independent of the login limits.
 */
@Injectable()
export class WebhookThrottlerGuard implements CanActivate, OnApplicationShutdown {
  private readonly hits = new ThrottlerStorageService();
  private readonly perSecond: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
  ) {
    this.perSecond = config.webhookRateLimit;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // A sliding second, no penalty beyond it: a burst is refused only while it lasts.
    const { isBlocked, timeToBlockExpire } = await this.hits.increment(`webhook:${request.ip}`, WINDOW_MS, this.perSecond, 0, 'webhook');
    if (!isBlocked) return true;
    this.metrics.increment('throttled');
    http.getResponse<Response>().setHeader('retry-after', String(Math.max(1, timeToBlockExpire)));
    throw new ThrottlerException();
  }

  onApplicationShutdown(): void {
    this.hits.onApplicationShutdown();
  }
}
