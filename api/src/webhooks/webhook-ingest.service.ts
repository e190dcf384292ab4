import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseTelnyxWebhook, type TelnyxWebhook } from '@callflow/schemas';
import { isWorkflowCarrierEvent } from '@callflow/workflows';
import { CallEventRouter, toCarrierEvent, type RouteOutcome } from './call-event-router';
import { WebhookEventsRepository, type Claim, type DeadLetter } from './webhook-events.repository';
import { WebhookMetrics } from './webhook-metrics';

/**
 * How long a delivery waits while another delivery of the same event is being processed (a few database round trips
 * and one Temporal call, whose deadline is 3 s), before it answers 503 and lets the carrier redeliver it later.
 */
export const IN_FLIGHT_WAIT_MS = 4000;
const IN_FLIGHT_POLL_MS = 25;

export type IngestResult = { status: RouteOutcome | 'duplicate' | 'dead-lettered' };

/** Processing failed and the event should be redelivered (the endpoint answers 503). */
export class RetryLaterError extends Error {}

export type RedriveResult = { deadLetterId: string; eventId: string } & ({ ok: true; outcome: RouteOutcome } | { ok: false; error: string });

/** The error and its causes ("ServiceError: Failed to signal Workflow ← 14 UNAVAILABLE: No connection established…"). */
function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join('; ');
  if (!(error instanceof Error)) return String(error);
  const own = `${error.name}: ${error.message}`;
  return error.cause === undefined ? own : `${own} ← ${messageOf(error.cause)}`;
}

/** Dedupe, route and bookkeeping of verified webhooks; shared by the HTTP endpoint and the re-drive command. */
@Injectable()
export class WebhookIngestService {
  private readonly logger = new Logger('TelnyxWebhook');

  constructor(
    @Inject(WebhookEventsRepository) private readonly events: WebhookEventsRepository,
    @Inject(CallEventRouter) private readonly router: CallEventRouter,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
  ) {}

  /**
   * Claims the event id, routes the event, marks it processed. A processed id is acknowledged and dropped; so is a
   * copy arriving while another delivery of the event is being processed, once that one is done. An event type no
   * workflow acts on is recorded and acknowledged without a signal. Throws RetryLaterError when routing fails,
   * unless this was the last allowed attempt: then the delivery is parked in dead_letters and acknowledged.
   * Database errors propagate (the endpoint answers 503 too).
   */
  async ingest(webhook: TelnyxWebhook, body: unknown): Promise<IngestResult> {
    const { data } = webhook;
    const carrierEvent = toCarrierEvent(data);
    if (!isWorkflowCarrierEvent(carrierEvent.type, carrierEvent.clientState)) {
      await this.events.recordUnsignalled(data.id, data.event_type, carrierEvent.callSessionId);
      this.metrics.increment('unsignalled');
      return { status: 'ignored' };
    }
    const attempt = await this.claim(data.id, data.event_type, carrierEvent.callSessionId);
    if (attempt.kind === 'duplicate') {
      this.metrics.increment('duplicates');
      return { status: 'duplicate' };
    }
    if (attempt.kind === 'dead-lettered') {
      this.logger.warn(`${data.event_type} ${data.id} is in dead_letters: acknowledged, re-drive it with \`npm run redrive -w api\``);
      return { status: 'dead-lettered' };
    }
    let outcome: RouteOutcome;
    try {
      outcome = await this.router.route(data);
    } catch (error) {
      const reason = messageOf(error);
      this.metrics.increment('failed');
      const { deadLettered } = await this.events.markFailed(data.id, reason, body, attempt.attempts);
      if (deadLettered) {
        this.metrics.increment('deadLettered');
        this.logger.error(`${data.event_type} ${data.id} failed ${attempt.attempts} times, moved to dead_letters: ${reason}`);
        return { status: 'dead-lettered' };
      }
      this.logger.warn(`${data.event_type} ${data.id} failed (attempt ${attempt.attempts}), the carrier will redeliver: ${reason}`);
      throw new RetryLaterError(reason);
    }
    await this.events.markProcessed(data.id);
    this.metrics.increment('processed');
    return { status: outcome };
  }

  /** The claim for this delivery, once no other delivery of the event is being processed. */
  private async claim(eventId: string, eventType: string, callSessionId: string | null): Promise<Exclude<Claim, { kind: 'in-flight' }>> {
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      const claim = await this.events.claim(eventId, eventType, callSessionId);
      if (claim.kind !== 'in-flight') return claim;
      if (Date.now() >= deadline) throw new RetryLaterError(`another delivery of ${eventType} ${eventId} is still being processed`);
      await sleep(IN_FLIGHT_POLL_MS);
    }
  }

  /** Routes parked deliveries again (one by id, or all); each success marks the dead letter re-driven. */
  async redrive(selection: { id: string } | 'all'): Promise<RedriveResult[]> {
    const results: RedriveResult[] = [];
    for (const deadLetter of await this.events.pendingDeadLetters(selection)) results.push(await this.redriveOne(deadLetter));
    return results;
  }

  private async redriveOne(deadLetter: DeadLetter): Promise<RedriveResult> {
    const ids = { deadLetterId: deadLetter.id, eventId: deadLetter.eventId };
    const parsed = parseTelnyxWebhook(deadLetter.payload);
    if (!parsed.ok) return { ...ids, ok: false, error: parsed.message };
    try {
      const outcome = await this.router.route(parsed.webhook.data);
      await this.events.markRedriven(deadLetter);
      return { ...ids, ok: true, outcome };
    } catch (error) {
      const reason = messageOf(error);
      await this.events.recordRedriveFailure(deadLetter, reason);
      return { ...ids, ok: false, error: reason };
    }
  }
}
