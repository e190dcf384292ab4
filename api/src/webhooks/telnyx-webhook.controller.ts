import type { IncomingMessage } from 'node:http';
import type { KeyObject } from 'node:crypto';
import {
  BadRequestException,
  Controller,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { parseTelnyxWebhook, UNSTORABLE_TEXT_MESSAGE, unstorablePath } from '@callflow/schemas';
import { APP_CONFIG, type AppConfig } from '../config';
import { annotate } from '../observability/telemetry-context';
import { WebhookTelemetryInterceptor } from '../observability/webhook-telemetry.interceptor';
import { toCarrierEvent } from './call-event-router';
import { RetryLaterError, WebhookIngestService, type IngestResult } from './webhook-ingest.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookThrottlerGuard } from './webhook-throttler.guard';
import { telnyxPublicKey, verifyTelnyxSignature } from './webhook-signature';
import { Public } from '../auth/auth-context';

/**
 * `POST /api/webhooks/telnyx`: verify, parse, dedupe, hand to the call's workflow, answer. No carrier command is
 * ever sent from here; the answer takes a database round trip or two and one Temporal call.
 */
@Public()
@Controller('webhooks/telnyx')
@UseGuards(WebhookThrottlerGuard)
@UseInterceptors(WebhookTelemetryInterceptor)
export class TelnyxWebhookController {
  private readonly logger = new Logger('TelnyxWebhook');
  private readonly publicKey: KeyObject | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(WebhookIngestService) private readonly ingest: WebhookIngestService,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
  ) {
    this.publicKey = config.telnyxPublicKey === null ? null : telnyxPublicKey(config.telnyxPublicKey);
  }

  @Post()
  @HttpCode(200)
  async receive(@Req() request: IncomingMessage & { body?: unknown }): Promise<IngestResult> {
    this.metrics.increment('received');
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (this.publicKey === null) {
      this.logger.error('Webhook refused: no verification key configured (TELNYX_PUBLIC_KEY, or the sandbox carrier\'s key)');
      throw new ServiceUnavailableException('Webhook verification key not configured (TELNYX_PUBLIC_KEY)');
    }
    const signature = verifyTelnyxSignature(rawBody, request.headers, this.publicKey, Date.now());
    if (!signature.ok) {
      this.metrics.verificationFailed(signature.failure);
      this.logger.warn(`Webhook refused (401): ${signature.reason}`);
      throw new UnauthorizedException(`Invalid webhook signature: ${signature.reason}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      return this.refusePayload(`Malformed JSON body: ${error instanceof Error ? error.message : String(error)}`);
    }
    // No carrier sends such text; stored (event id, call session, a dead letter), it would fail at every redelivery.
    const unstorable = unstorablePath(json);
    if (unstorable !== null) return this.refusePayload(`${unstorable.map(String).join('.') || '(body)'}: ${UNSTORABLE_TEXT_MESSAGE}`);
    const parsed = parseTelnyxWebhook(json);
    if (!parsed.ok) return this.refusePayload(parsed.message);
    const event = toCarrierEvent(parsed.webhook.data);
    annotate({ eventId: event.id, eventType: event.type, callSessionId: event.callSessionId ?? undefined, callControlId: event.callControlId ?? undefined });
    try {
      return await this.ingest.ingest(parsed.webhook, json);
    } catch (error) {
      // Temporal or PostgreSQL unreachable (or a failed attempt): the carrier redelivers on a non-2xx answer.
      const reason = error instanceof Error ? error.message : String(error);
      if (!(error instanceof RetryLaterError)) {
        this.logger.warn(`Webhook ${parsed.webhook.data.event_type} ${parsed.webhook.data.id} not recorded (503): ${reason}`);
      }
      throw new ServiceUnavailableException(`Event not processed, redeliver later: ${reason}`);
    }
  }

  private refusePayload(message: string): never {
    this.metrics.increment('rejectedPayload');
    this.logger.warn(`Webhook refused (400): ${message}`);
    throw new BadRequestException(message);
  }
}
