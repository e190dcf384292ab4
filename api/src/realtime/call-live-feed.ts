import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TraceEvent } from '@callflow/engine';
import { CallsRepository } from '../calls/calls.repository';
import { callLogState, type CallLogState } from './call-log-state';
import { LiveCallsRepository, type LiveCall } from './live-calls.repository';
import { LiveEvents } from './live-events';
import { queueView } from './queue-view';

/** Event types that can start or stop a ring offer or a wait in a queue. */
const OFFER_OR_QUEUE_EVENTS = new Set<TraceEvent['type']>(['agents.rung', 'agent.answered', 'agent.missed', 'queue.joined', 'node.exited', 'call.ended']);

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * Turns what the workers store about a call into live events, after it is stored: each step, the call's new node,
 * ring offers made and withdrawn, queue waiting lists. Everything is derived from the stored call log, so whichever
 * API instance a worker's request reaches publishes the same thing. A failure here is logged, never returned to the
 * worker: the call log is what must not be lost.
 */
@Injectable()
export class CallLiveFeed {
  private readonly logger = new Logger('Realtime');

  constructor(
    @Inject(LiveEvents) private readonly live: LiveEvents,
    @Inject(LiveCallsRepository) private readonly liveCalls: LiveCallsRepository,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
  ) {}

  /**
   * `events` go to positions firstSeq, firstSeq + 1, … of the call's step record; `stored` settles once they are
   * stored, with the positions that were new (a retried write, or a call's final write repeating what another worker
   * stored, publishes nothing again; null: the call does not exist), and nothing is published before. When they ring
   * agents or move queues, what the offers need (the call, the events before these) is read while they are being
   * stored, and the offers go out first; the call's new node is read once they are stored.
   */
  async eventsStored(callId: string, firstSeq: number, events: readonly TraceEvent[], stored: Promise<Set<number> | null>): Promise<void> {
    await this.guard(callId, async () => {
      // The request storing them reports a failure to store.
      const newPositions = async (): Promise<Set<number>> => (await stored.catch(() => null)) ?? new Set();
      const entersNode = firstSeq === 1 || events.some((event) => event.type === 'node.entered');
      let call: LiveCall | null;
      let fresh: Set<number>;
      if (events.some((event) => OFFER_OR_QUEUE_EVENTS.has(event.type))) {
        const [earlier, known] = await Promise.all([firstSeq === 1 ? [] : this.calls.events(callId, { before: firstSeq }), this.liveCalls.call(callId)]);
        fresh = await newPositions();
        if (fresh.size === 0 || !known) return;
        await this.publishOffersAndQueues(known, earlier, events);
        call = entersNode ? await this.liveCalls.call(callId) : known;
      } else {
        fresh = await newPositions();
        if (fresh.size === 0) return;
        call = await this.liveCalls.call(callId);
      }
      if (!call) return;
      const { tenantId, view } = call;
      events.forEach((step, index) => {
        if (fresh.has(firstSeq + index)) this.live.callStep(tenantId, { callId, seq: firstSeq + index, step });
      });
      if (entersNode) this.live.callUpdated(tenantId, view);
    });
  }

  async callEnded(callId: string): Promise<void> {
    await this.guard(callId, async () => {
      const call = await this.liveCalls.call(callId);
      if (call) this.live.callUpdated(call.tenantId, call.view);
    });
  }

  /** Compares the call log before and after the batch: offers that started or stopped ringing, queues joined or left. */
  private async publishOffersAndQueues(call: LiveCall, earlier: readonly TraceEvent[], batch: readonly TraceEvent[]): Promise<void> {
    const before = callLogState(call.view.callId, earlier);
    const after = callLogState(call.view.callId, [...earlier, ...batch]);
    await this.publishOffers(call, before, after);
    const queueIds = new Set([before.waitingIn?.queueId, after.waitingIn?.queueId]);
    for (const event of batch) if (event.type === 'queue.joined') queueIds.add(event.queueId);
    for (const queueId of queueIds) if (queueId !== undefined) await this.publishQueue(call.tenantId, queueId);
  }

  private async publishOffers(call: LiveCall, before: CallLogState, after: CallLogState): Promise<void> {
    const wasRinging = new Set(before.offers.filter((offer) => offer.closed === null).map((offer) => offer.offerId));
    const known = new Set(before.offers.map((offer) => offer.offerId));
    const { tenantId, view } = call;
    for (const offer of after.offers) {
      if (!known.has(offer.offerId) && offer.closed === null) {
        this.live.agentRing(tenantId, {
          offerId: offer.offerId,
          callId: view.callId,
          agentId: offer.agentId,
          caller: view.caller,
          flow: { id: view.flow.id, name: view.flow.name },
          queue: offer.queue && { id: offer.queue.id, name: await this.liveCalls.queueName(tenantId, offer.queue.id) },
          waitingSince: offer.queue ? iso(offer.queue.joinedAt) : view.startedAt,
          offeredAt: iso(offer.offeredAt),
          expiresAt: iso(offer.expiresAt),
        });
      } else if (wasRinging.has(offer.offerId) && offer.closed !== null) {
        this.live.agentRingCancelled(tenantId, { offerId: offer.offerId, callId: view.callId, agentId: offer.agentId, reason: offer.closed });
      }
    }
  }

  private async publishQueue(tenantId: string, queueId: string): Promise<void> {
    const [name, waiting] = await Promise.all([this.liveCalls.queueName(tenantId, queueId), this.liveCalls.waiting(tenantId, queueId)]);
    this.live.queueUpdated(tenantId, queueView(queueId, name, waiting, Date.now()));
  }

  private async guard(callId: string, publish: () => Promise<void>): Promise<void> {
    try {
      await publish();
    } catch (error) {
      this.logger.error(`Live events of call ${callId} were not published: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}
