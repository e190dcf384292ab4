import type { AgentRing, RealtimeAck } from '@callflow/schemas';
import type { LiveConnection } from '../../realtime';

/**
 * The agent's phone as the console drives it. In sandbox mode the API answers, refuses or hangs up the agent's
 * simulated phone when the console asks over the socket; with Telnyx the browser itself is the phone (WebRTC) and the
 * socket only tells the API.
 */
export interface AgentPhone {
  accept(offer: AgentRing): Promise<RealtimeAck>;
  decline(offer: AgentRing): Promise<RealtimeAck>;
  hangUp(offer: AgentRing): Promise<RealtimeAck>;
  close(): void;
}

/** Sandbox mode (and desk phones): the API carries the agent's answer to the phone that rings. */
export function socketPhone(connection: LiveConnection): AgentPhone {
  return {
    accept: (offer) => connection.ask('agent.accept', { offerId: offer.offerId }),
    decline: (offer) => connection.ask('agent.decline', { offerId: offer.offerId }),
    hangUp: (offer) => connection.ask('agent.hangup', { offerId: offer.offerId }),
    close: () => undefined,
  };
}
