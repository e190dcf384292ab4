import type { AgentRing, RealtimeAck } from '@callflow/schemas';
import type { LiveConnection } from '../../realtime';

/**
 * The agent's phone as the console drives it. In sandbox mode the API answers, refuses or hangs up the agent's
 * simulated phone when the console asks over the socket; with Telnyx WebRTC the browser itself is the phone and the
 * socket only tells the API; a desk phone is answered on the phone itself.
 */
export interface ConsolePhone {
  /** Whether the console's Accept, Decline and Hang up buttons act on the phone (not for a desk phone). */
  readonly answersHere: boolean;
  accept(offer: AgentRing): Promise<RealtimeAck>;
  decline(offer: AgentRing): Promise<RealtimeAck>;
  hangUp(offer: AgentRing): Promise<RealtimeAck>;
  /** Blind transfer of the caller to an extension: the API has the call's workflow hang up this agent and ring it. */
  transfer(offer: AgentRing, extension: string): Promise<RealtimeAck>;
  close(): void;
}

/** Sandbox mode: the API carries the agent's answer to the simulated phone that rings. */
export function socketPhone(connection: LiveConnection): ConsolePhone {
  return {
    answersHere: true,
    accept: (offer) => connection.ask('agent.accept', { offerId: offer.offerId }),
    decline: (offer) => connection.ask('agent.decline', { offerId: offer.offerId }),
    hangUp: (offer) => connection.ask('agent.hangup', { offerId: offer.offerId }),
    transfer: (offer, extension) => transferOverSocket(connection, offer, extension),
    close: () => undefined,
  };
}

/** Every kind of phone transfers the same way: the call's workflow does it. */
export const transferOverSocket = (connection: LiveConnection, offer: AgentRing, extension: string): Promise<RealtimeAck> =>
  connection.ask('agent.transfer', { offerId: offer.offerId, extension });

/** A SIP phone rings: the console shows the ring, the agent answers on the phone. */
export function deskPhone(connection: LiveConnection, address: string): ConsolePhone {
  const elsewhere = async (): Promise<RealtimeAck> => ({ ok: false, error: `Use your phone (${address})` });
  return {
    answersHere: false,
    accept: elsewhere,
    decline: elsewhere,
    hangUp: elsewhere,
    transfer: (offer, extension) => transferOverSocket(connection, offer, extension),
    close: () => undefined,
  };
}
