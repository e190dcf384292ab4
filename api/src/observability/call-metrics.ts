import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TraceEvent } from '@callflow/engine';
import { RING_CANCEL_REASONS } from '@callflow/schemas';
import { Counter, Histogram } from 'prom-client';
import { CallsRepository } from '../calls/calls.repository';
import { callLogState } from '../realtime/call-log-state';
import { MetricsRegistry } from './metrics-registry';

/** How a caller's wait in a queue ended: an agent answered, the queue's max wait sent the call on, a callback was taken, the caller hung up. */
export const QUEUE_WAIT_OUTCOMES = ['answered', 'timeout', 'callback', 'abandoned'] as const;
export type QueueWaitOutcome = (typeof QUEUE_WAIT_OUTCOMES)[number];

/** Each wait in a queue in the call's step record, with how it ended (a wait still open when the record stops is left out). */
export function queueWaits(events: readonly TraceEvent[]): Array<{ seconds: number; outcome: QueueWaitOutcome }> {
  const waits: Array<{ seconds: number; outcome: QueueWaitOutcome }> = [];
  let joined: TraceEvent | null = null;
  const end = (event: TraceEvent, outcome: QueueWaitOutcome) => {
    if (joined) waits.push({ seconds: Math.max(0, event.at - joined.at) / 1000, outcome });
    joined = null;
  };
  for (const event of events) {
    const atQueueNode = joined !== null && event.flowId === joined.flowId && event.node === joined.node;
    if (event.type === 'queue.joined') joined = event;
    else if (event.type === 'agent.answered' && atQueueNode) end(event, 'answered');
    else if (event.type === 'node.exited' && atQueueNode) end(event, event.port === 'callback' ? 'callback' : event.port === 'answered' ? 'answered' : 'timeout');
    else if (event.type === 'call.ended') end(event, 'abandoned');
  }
  return waits;
}

/** Queue waits and ring outcomes, read from a call's step record when its workflow reports the call ended. */
@Injectable()
export class CallMetrics {
  private readonly logger = new Logger('Metrics');
  private readonly queueWait: Histogram<'outcome'>;
  private readonly ringOutcomes: Counter<'outcome'>;

  constructor(
    @Inject(MetricsRegistry) metrics: MetricsRegistry,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
  ) {
    this.queueWait = new Histogram({
      name: 'callflow_queue_wait_seconds',
      help: "A caller's wait in a queue, from joining it to an agent answering, the max wait, a callback or hanging up; observed when the call ends",
      labelNames: ['outcome'],
      buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
      registers: [metrics.registry],
    });
    this.ringOutcomes = new Counter({
      name: 'callflow_ring_outcomes_total',
      help: 'Offers to agents by how they stopped ringing (accepted, answered-elsewhere, declined, timeout, missed, caller-hung-up, withdrawn); counted when the call ends',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    for (const outcome of QUEUE_WAIT_OUTCOMES) this.queueWait.zero({ outcome });
    for (const outcome of RING_CANCEL_REASONS) this.ringOutcomes.inc({ outcome }, 0);
  }

  /**
   * Counts the call's queue waits and ring offers. Called once per end report: a report the worker repeats (its
   * request timed out after the API had stored it) counts the call again. Never throws: the report is stored already.
   */
  async callEnded(callId: string): Promise<void> {
    let events: TraceEvent[];
    try {
      events = await this.calls.events(callId);
    } catch (error) {
      this.logger.warn(`Queue waits and ring outcomes of call ${callId} not counted: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const { seconds, outcome } of queueWaits(events)) this.queueWait.observe({ outcome }, seconds);
    for (const offer of callLogState(callId, events).offers) {
      if (offer.closed !== null) this.ringOutcomes.inc({ outcome: offer.closed });
    }
  }
}
