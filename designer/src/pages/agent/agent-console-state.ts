import type { AgentRing, AgentRingCancelled, CallUpdated, RingCancelReason } from '@callflow/schemas';

/** The call the agent answered: in conversation until the call ends. */
export interface ConsoleCall {
  offer: AgentRing;
  answeredAt: string;
  endedAt: string | null;
  outcome: string | null;
}

/** An offer that stopped ringing without this agent answering it (declining is a choice, not a miss). */
export interface MissedOffer {
  offer: AgentRing;
  reason: Exclude<RingCancelReason, 'accepted' | 'declined'>;
  at: string;
}

export interface AgentConsoleState {
  /** Offers ringing now, oldest first. */
  ringing: AgentRing[];
  /** Offers that stopped ringing (an offer delivered again after that is not shown again). */
  closedOfferIds: Record<string, RingCancelReason>;
  current: ConsoleCall | null;
  /** Newest first. */
  missed: MissedOffer[];
}

export type AgentConsoleAction =
  | { type: 'ring'; offer: AgentRing }
  | { type: 'ring.cancelled'; cancelled: AgentRingCancelled; at: string }
  | { type: 'call.updated'; call: CallUpdated }
  /** The agent handed the caller to an extension: the call goes on without them. */
  | { type: 'transferred'; extension: string; at: string }
  /** The agent closes the summary of a call that ended. */
  | { type: 'dismiss-call' };

export const emptyConsoleState = (): AgentConsoleState => ({ ringing: [], closedOfferIds: {}, current: null, missed: [] });

export function agentConsoleReducer(state: AgentConsoleState, action: AgentConsoleAction): AgentConsoleState {
  switch (action.type) {
    case 'ring': {
      const { offer } = action;
      if (state.closedOfferIds[offer.offerId] || state.ringing.some((ringing) => ringing.offerId === offer.offerId)) return state;
      const ringing = [...state.ringing, offer].sort((a, b) => Date.parse(a.offeredAt) - Date.parse(b.offeredAt));
      return { ...state, ringing };
    }
    case 'ring.cancelled': {
      const { cancelled, at } = action;
      const offer = state.ringing.find((ringing) => ringing.offerId === cancelled.offerId);
      const next: AgentConsoleState = {
        ...state,
        ringing: state.ringing.filter((ringing) => ringing.offerId !== cancelled.offerId),
        closedOfferIds: { ...state.closedOfferIds, [cancelled.offerId]: cancelled.reason },
      };
      // An offer this console never saw ringing (opened afterwards) has nothing to show.
      if (offer === undefined) return next;
      if (cancelled.reason === 'accepted') return { ...next, current: { offer, answeredAt: at, endedAt: null, outcome: null } };
      if (cancelled.reason === 'declined') return next;
      return { ...next, missed: [{ offer, reason: cancelled.reason, at }, ...next.missed] };
    }
    case 'call.updated': {
      const { call } = action;
      const current = state.current;
      if (current === null || current.offer.callId !== call.callId || call.status !== 'ended' || current.endedAt !== null) return state;
      return { ...state, current: { ...current, endedAt: call.endedAt ?? new Date().toISOString(), outcome: call.outcome?.result ?? null } };
    }
    case 'transferred': {
      const current = state.current;
      if (current === null || current.endedAt !== null) return state;
      return { ...state, current: { ...current, endedAt: action.at, outcome: `transferred to extension ${action.extension}` } };
    }
    case 'dismiss-call':
      return state.current?.endedAt === null ? state : { ...state, current: null };
  }
}

/** Why an offer was missed, in words. */
export const MISSED_REASONS: Record<MissedOffer['reason'], string> = {
  timeout: 'not answered in time',
  missed: 'the phone could not be reached',
  'answered-elsewhere': 'answered by a colleague',
  'caller-hung-up': 'the caller hung up',
  withdrawn: 'the flow moved on',
};
