import type { AgentRing, RealtimeAck } from '@callflow/schemas';
import { TelnyxRTC, type Call, type INotification } from '@telnyx/webrtc';
import type { LiveConnection } from '../../realtime';
import { transferOverSocket, type ConsolePhone } from './agent-phone';

/** Call states of the WebRTC SDK after which a call is gone. */
const FINISHED = new Set(['hangup', 'destroy', 'purge']);

/**
 * Telnyx mode: the browser is the agent's phone. The Telnyx WebRTC client, logged in with the token the API minted
 * for the agent's credential, receives the leg the workflow dials; the console answers, rejects or hangs up that call
 * itself, and tells the API over the socket (which only acknowledges, the workflow hears it from Telnyx). Loaded
 * only in Telnyx mode (dynamic import), so sandbox sessions never fetch the SDK.
 */
export function telnyxPhone(connection: LiveConnection, loginToken: string, remoteElement: HTMLAudioElement): ConsolePhone {
  const client = new TelnyxRTC({ login_token: loginToken });
  client.remoteElement = remoteElement;
  const calls = new Map<string, Call>();
  const answered = new Map<string, Call>();
  client.on('telnyx.notification', (notification: INotification) => {
    const call = notification.call;
    if (notification.type !== 'callUpdate' || call === undefined) return;
    if (FINISHED.has(call.state)) calls.delete(call.id);
    else calls.set(call.id, call);
  });
  client.on('telnyx.error', (error: unknown) => console.error('Telnyx WebRTC client error', error));
  // Failing to connect is reported through telnyx.error.
  void client.connect();

  /** The WebRTC call ringing for an offer: the workflow dials the agent with the caller's number as caller id. */
  const ringingFor = (offer: AgentRing): Call | undefined => {
    const ringing = [...calls.values()].filter((call) => call.state === 'ringing');
    return ringing.find((call) => call.options.remoteCallerNumber === offer.caller) ?? (ringing.length === 1 ? ringing[0] : undefined);
  };
  const noCall: RealtimeAck = { ok: false, error: 'The browser phone has no ringing call for this offer (is the microphone allowed?)' };

  return {
    answersHere: true,
    async accept(offer) {
      const call = ringingFor(offer);
      if (call === undefined) return noCall;
      await call.answer();
      answered.set(offer.offerId, call);
      return connection.ask('agent.accept', { offerId: offer.offerId });
    },
    async decline(offer) {
      const call = ringingFor(offer);
      if (call === undefined) return noCall;
      await call.hangup();
      return connection.ask('agent.decline', { offerId: offer.offerId });
    },
    async hangUp(offer) {
      const call = answered.get(offer.offerId);
      answered.delete(offer.offerId);
      await call?.hangup();
      return connection.ask('agent.hangup', { offerId: offer.offerId });
    },
    transfer: (offer, extension) => transferOverSocket(connection, offer, extension),
    close() {
      void client.disconnect();
    },
  };
}
