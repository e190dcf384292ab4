import { randomInt } from 'node:crypto';
import { seededRandom, shuffleChanged } from './prng';
import { DeliveryFaultsSchema, type DeliveryFaults } from './sandbox.schema';
import type { SandboxLogger } from './sandbox-logger';
import type { WebhookSigner } from './webhook-signer';

/** The `data` object of a Call Control v2 webhook. */
export interface WebhookEventData {
  event_type: string;
  id: string;
  occurred_at: string;
  payload: Record<string, unknown>;
  record_type: 'event';
}

/** One HTTP attempt at delivering an event. `copy` > 1 marks an injected duplicate. */
export interface DeliveryAttempt {
  attempt: number;
  copy: number;
  /** Epoch ms: the request went out, and its answer (or error) came back. */
  startedAt: number;
  finishedAt: number;
  status: number | null;
  error: string | null;
}

export interface DeliveryRequest {
  /** Deliveries of one lane (a call session, a message) go out one at a time, in order, unless faults reorder them. */
  lane: string;
  url: string;
  data: WebhookEventData;
  onAttempt?: (attempt: DeliveryAttempt) => void;
  /** How many copies of the event will go out (more than one when a fault duplicates it). */
  onCopies?: (copies: number) => void;
  /** One copy is done with: delivered, or given up after its last retry. */
  onCopySettled?: () => void;
}

export interface DispatcherOptions {
  signer: WebhookSigner;
  now: () => number;
  /** Wait before each retry; the number of retries is its length. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  logger: SandboxLogger;
}

interface QueuedDelivery {
  request: DeliveryRequest;
  copy: number;
}

interface Lane {
  queue: QueuedDelivery[];
  /** Deliveries held back for the reorder window. */
  held: QueuedDelivery[];
  flushScheduled: boolean;
  busy: boolean;
}

/**
 * Sends signed webhooks like Telnyx: POST with `telnyx-signature-ed25519` / `telnyx-timestamp` /
 * `user-agent: telnyx-webhooks`, `meta.attempt` counting attempts; non-2xx or a network error is retried
 * with backoff. Fault injection duplicates, reorders and delays deliveries (all, or a share of them),
 * deterministically per seed.
 */
export class WebhookDispatcher {
  private faults: DeliveryFaults = DeliveryFaultsSchema.parse({});
  private seed = randomInt(2 ** 31);
  private random = seededRandom(this.seed);
  private lanes = new Map<string, Lane>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private abort = new AbortController();

  constructor(private readonly options: DispatcherOptions) {}

  setFaults(faults: DeliveryFaults): DeliveryFaults & { seed: number } {
    this.faults = faults;
    this.seed = this.faults.seed ?? randomInt(2 ** 31);
    this.random = seededRandom(this.seed);
    return this.getFaults();
  }

  /** The faults in force, with the seed actually used (to repeat a run). */
  getFaults(): DeliveryFaults & { seed: number } {
    return { ...this.faults, seed: this.seed };
  }

  dispatch(request: DeliveryRequest): void {
    if (this.faults.delayMs > 0 && this.picked()) this.later(this.faults.delayMs, () => this.admit(request));
    else this.admit(request);
  }

  /** Drops everything pending, aborts deliveries in flight, clears the faults. */
  reset(): void {
    this.abort.abort();
    this.abort = new AbortController();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const lane of this.lanes.values()) {
      lane.queue.length = 0;
      lane.held.length = 0;
    }
    this.lanes = new Map();
    this.setFaults(DeliveryFaultsSchema.parse({}));
  }

  private admit(request: DeliveryRequest): void {
    const copies = this.faults.copies ?? (this.faults.duplicate > 0 && this.random() < this.faults.duplicate ? 2 : 1);
    request.onCopies?.(copies);
    const deliveries = Array.from({ length: copies }, (_, index) => ({ request, copy: index + 1 }));
    const lane = this.lane(request.lane);
    if (this.faults.reorderWithinMs > 0 && this.picked()) {
      lane.held.push(...deliveries);
      if (!lane.flushScheduled) {
        lane.flushScheduled = true;
        this.later(this.faults.reorderWithinMs, () => {
          lane.flushScheduled = false;
          lane.queue.push(...shuffleChanged(lane.held, this.random));
          lane.held.length = 0;
          void this.pump(request.lane, lane);
        });
      }
      return;
    }
    lane.queue.push(...deliveries);
    void this.pump(request.lane, lane);
  }

  /** Whether a delay or reorder fault applies to the event at hand (`share` of the events; all without it). */
  private picked(): boolean {
    return this.faults.share === undefined || this.random() < this.faults.share;
  }

  private lane(key: string): Lane {
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { queue: [], held: [], flushScheduled: false, busy: false };
      this.lanes.set(key, lane);
    }
    return lane;
  }

  private async pump(key: string, lane: Lane): Promise<void> {
    if (lane.busy) return;
    lane.busy = true;
    for (let next = lane.queue.shift(); next !== undefined; next = lane.queue.shift()) {
      await this.attempt(next, 1);
    }
    lane.busy = false;
    if (lane.held.length === 0 && !lane.flushScheduled && this.lanes.get(key) === lane) this.lanes.delete(key);
  }

  private async attempt(delivery: QueuedDelivery, attempt: number): Promise<void> {
    const { request, copy } = delivery;
    const { signer, now, timeoutMs, retryDelaysMs, logger } = this.options;
    const abort = this.abort.signal;
    const body = JSON.stringify({ data: request.data, meta: { attempt, delivered_to: request.url } });
    const timestamp = String(Math.floor(now() / 1000));
    const started = now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'telnyx-webhooks',
          'telnyx-timestamp': timestamp,
          'telnyx-signature-ed25519': signer.sign(timestamp, body),
        },
        body,
        signal: AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? (cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message) : String(cause);
    }
    if (abort.aborted) return;
    request.onAttempt?.({ attempt, copy, startedAt: started, finishedAt: now(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      request.onCopySettled?.();
      return;
    }
    const retryDelay = retryDelaysMs[attempt - 1];
    if (retryDelay !== undefined) {
      this.later(retryDelay, () => void this.attempt(delivery, attempt + 1));
      return;
    }
    request.onCopySettled?.();
    logger.warn(
      `Sandbox webhook ${request.data.event_type} ${request.data.id} to ${request.url} gave up after ${attempt} attempts: ` +
        (error ?? `HTTP ${status}`),
    );
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}
