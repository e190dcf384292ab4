import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../observability/metrics-registry';
import { SIGNATURE_FAILURES, type SignatureFailure } from './webhook-signature';

export const WEBHOOK_COUNTERS = [
  /** Every POST to the webhook endpoint that passed the rate limit. */
  'received',
  /** Over WEBHOOK_RATE_LIMIT for its source address (429, the carrier redelivers). */
  'throttled',
  /** Bad, missing or stale signature (401). */
  'rejectedSignature',
  /** Signed, but not JSON or not a Call Control v2 event (400). */
  'rejectedPayload',
  /** An event id already processed: acknowledged and dropped. */
  'duplicates',
  /** An event type no workflow acts on (speak.started, bridged, message events…): recorded, acknowledged, not signalled. */
  'unsignalled',
  /** Processed: a workflow started or signalled, or nothing to do (call over, unknown number, ignored). */
  'processed',
  'workflowsStarted',
  'workflowsSignalled',
  /** For a call whose workflow is over: acknowledged, never restarted. */
  'callOver',
  /** call.initiated to a number without a flow or an active version. */
  'unroutable',
  /** call.initiated while MAX_ACTIVE_CALLS calls are in progress: rejected busy, no workflow started. */
  'overCapacity',
  /** call.initiated with no token of MAX_CALLS_PER_SECOND left: rejected busy, no workflow started. */
  'overCallRate',
  /** Processing failed (503, the carrier redelivers). */
  'failed',
  'deadLettered',
] as const;
export type WebhookCounter = (typeof WEBHOOK_COUNTERS)[number];

/**
 * Counters of the webhook endpoint since this process started, in Prometheus (`GET /metrics`:
 * callflow_webhook_events_total{result}, callflow_webhook_verification_failures_total{reason}) and as JSON at
 * `GET /api/internal/metrics`.
 */
@Injectable()
export class WebhookMetrics {
  private readonly events: Counter<'result'>;
  private readonly verificationFailures: Counter<'reason'>;

  constructor(@Inject(MetricsRegistry) metrics: MetricsRegistry) {
    this.events = new Counter({
      name: 'callflow_webhook_events_total',
      help: 'Webhook deliveries: `received` counts every POST; the other results are what became of them, and steps of their processing',
      labelNames: ['result'],
      registers: [metrics.registry],
    });
    this.verificationFailures = new Counter({
      name: 'callflow_webhook_verification_failures_total',
      help: 'Webhooks refused with 401: a missing signature header, a timestamp that is malformed or outside ±300 s, a signature that is malformed or does not match',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
    // Every series exists from the start (at 0), so that rates and alerts work before the first occurrence.
    for (const result of WEBHOOK_COUNTERS) this.events.inc({ result }, 0);
    for (const reason of SIGNATURE_FAILURES) this.verificationFailures.inc({ reason }, 0);
  }

  increment(counter: WebhookCounter): void {
    this.events.inc({ result: counter });
  }

  /** A refused signature: counted as `rejectedSignature` and by reason. */
  verificationFailed(reason: SignatureFailure): void {
    this.increment('rejectedSignature');
    this.verificationFailures.inc({ reason });
  }

  async snapshot(): Promise<Record<WebhookCounter, number>> {
    const { values } = await this.events.get();
    const counts = Object.fromEntries(WEBHOOK_COUNTERS.map((name) => [name, 0])) as Record<WebhookCounter, number>;
    for (const { labels, value } of values) counts[labels.result as WebhookCounter] = value;
    return counts;
  }
}
