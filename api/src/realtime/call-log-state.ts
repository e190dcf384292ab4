import type { TraceEvent } from '@callflow/engine';
import type { RingCancelReason } from '@callflow/schemas';

/** One agent leg the call rang, read back from the call's step record. */
export interface RingOffer {
  offerId: string;
  legId: string;
  agentId: string;
  flowId: string;
  node: string | null;
  offeredAt: number;
  expiresAt: number;
  /** The queue the caller was waiting in when the offer was made, and since when. */
  queue: { id: string; joinedAt: number } | null;
  /** Why it stopped ringing; null while it rings. */
  closed: RingCancelReason | null;
}

/** What live events need to know about a call, derived from its step record alone (so any API instance can). */
export interface CallLogState {
  /** In the order they were made. */
  offers: RingOffer[];
  /** The queue the caller waits in now. */
  waitingIn: { queueId: string; joinedAt: number } | null;
}

export const offerIdOf = (callId: string, legId: string): string => `${callId}/${legId}`;

export function parseOfferId(offerId: string): { callId: string; legId: string } | null {
  const match = /^([0-9a-f-]{36})\/([A-Za-z0-9_-]{1,64})$/i.exec(offerId);
  return match ? { callId: match[1]!, legId: match[2]! } : null;
}

/** How a ringing leg that ended unanswered is reported, from the hangup cause (or the engine's ring timer). */
function missedReason(cause: string): RingCancelReason {
  if (cause === 'ring timeout' || cause === 'timeout' || cause === 'no_answer') return 'timeout';
  if (cause === 'call_rejected' || cause === 'user_busy') return 'declined';
  return 'missed';
}

export function callLogState(callId: string, events: readonly TraceEvent[]): CallLogState {
  const offers = new Map<string, RingOffer>();
  let waitingIn: { queueId: string; joinedAt: number; flowId: string; node: string | null } | null = null;
  const ringing = () => [...offers.values()].filter((offer) => offer.closed === null);
  const close = (offer: RingOffer, reason: RingCancelReason) => void offers.set(offer.legId, { ...offer, closed: reason });
  const atWaitingNode = (event: TraceEvent) => waitingIn !== null && waitingIn.flowId === event.flowId && waitingIn.node === event.node;

  for (const event of events) {
    switch (event.type) {
      case 'queue.joined':
        waitingIn = { queueId: event.queueId, joinedAt: event.at, flowId: event.flowId, node: event.node };
        break;
      case 'agents.rung':
        for (const leg of event.legs) {
          if (leg.agentId === null) continue;
          offers.set(leg.legId, {
            offerId: offerIdOf(callId, leg.legId),
            legId: leg.legId,
            agentId: leg.agentId,
            flowId: event.flowId,
            node: event.node,
            offeredAt: event.at,
            expiresAt: event.at + event.timeoutSecs * 1000,
            queue: atWaitingNode(event) && waitingIn ? { id: waitingIn.queueId, joinedAt: waitingIn.joinedAt } : null,
            closed: null,
          });
        }
        break;
      case 'agent.missed': {
        const offer = ringing().find((candidate) => candidate.agentId === event.agentId);
        if (offer) close(offer, missedReason(event.cause));
        break;
      }
      case 'agent.answered':
        for (const offer of ringing()) close(offer, offer.agentId === event.agentId ? 'accepted' : 'answered-elsewhere');
        if (atWaitingNode(event)) waitingIn = null;
        break;
      case 'node.exited':
        for (const offer of ringing()) close(offer, 'withdrawn');
        if (atWaitingNode(event)) waitingIn = null;
        break;
      case 'call.ended':
        for (const offer of ringing()) close(offer, event.outcome.result === 'abandoned' ? 'caller-hung-up' : 'withdrawn');
        waitingIn = null;
        break;
      default:
        break;
    }
  }
  return { offers: [...offers.values()], waitingIn: waitingIn && { queueId: waitingIn.queueId, joinedAt: waitingIn.joinedAt } };
}
