import { Injectable } from '@nestjs/common';

export const WEBHOOK_COUNTERS = [
  /** Every POST to the webhook endpoint. */
  'received',
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
  /** Processing failed (503, the carrier redelivers). */
  'failed',
  'deadLettered',
] as const;
export type WebhookCounter = (typeof WEBHOOK_COUNTERS)[number];

/** Per-process counters of the webhook endpoint, served at GET /api/internal/metrics. */
@Injectable()
export class WebhookMetrics {
  private readonly counts = new Map<WebhookCounter, number>(WEBHOOK_COUNTERS.map((name) => [name, 0]));

  increment(counter: WebhookCounter): void {
    this.counts.set(counter, (this.counts.get(counter) ?? 0) + 1);
  }

  snapshot(): Record<WebhookCounter, number> {
    return Object.fromEntries(this.counts) as Record<WebhookCounter, number>;
  }
}
