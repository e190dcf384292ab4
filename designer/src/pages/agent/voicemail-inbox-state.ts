import type { Voicemail } from '@callflow/schemas';

export interface VoicemailInboxState {
  /** Newest first. */
  voicemails: Voicemail[];
  /** Whether a list from the API arrived (until then the inbox shows only what arrived live). */
  loaded: boolean;
}

export type VoicemailInboxAction =
  /** The newest page from the API (at start, and again after each reconnection: events may have been missed). */
  | { type: 'loaded'; voicemails: Voicemail[] }
  /** `voicemail.created.v1`: a new message, unread. */
  | { type: 'created'; voicemail: Voicemail }
  /** The API's answer to marking one read. */
  | { type: 'updated'; voicemail: Voicemail };

export const emptyInbox = (): VoicemailInboxState => ({ voicemails: [], loaded: false });

const newestFirst = (a: Voicemail, b: Voicemail) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt));

/** Read stays read: the API keeps the first time a message was read, whichever answer arrives last. */
const readOf = (fresh: Voicemail, known: Voicemail | undefined): Voicemail => (known?.readAt && fresh.readAt === null ? { ...fresh, readAt: known.readAt } : fresh);

export function voicemailInboxReducer(state: VoicemailInboxState, action: VoicemailInboxAction): VoicemailInboxState {
  switch (action.type) {
    case 'loaded': {
      const known = new Map(state.voicemails.map((voicemail) => [voicemail.id, voicemail]));
      const listed = new Set(action.voicemails.map((voicemail) => voicemail.id));
      const newestListed = action.voicemails.reduce<string | null>((newest, voicemail) => (newest === null || voicemail.createdAt > newest ? voicemail.createdAt : newest), null);
      // The page is the truth for what it covers; messages that arrived live after it was read stay on top.
      const later = state.voicemails.filter((voicemail) => !listed.has(voicemail.id) && (newestListed === null || voicemail.createdAt > newestListed));
      const voicemails = [...later, ...action.voicemails.map((voicemail) => readOf(voicemail, known.get(voicemail.id)))].sort(newestFirst);
      return { voicemails, loaded: true };
    }
    case 'created': {
      // The same message announced twice (a save retried at the same moment) is shown once.
      if (state.voicemails.some((voicemail) => voicemail.id === action.voicemail.id)) return state;
      return { ...state, voicemails: [action.voicemail, ...state.voicemails].sort(newestFirst) };
    }
    case 'updated':
      return { ...state, voicemails: state.voicemails.map((voicemail) => (voicemail.id === action.voicemail.id ? readOf(action.voicemail, voicemail) : voicemail)) };
  }
}

export const unreadCount = (state: VoicemailInboxState): number => state.voicemails.filter((voicemail) => voicemail.readAt === null).length;
