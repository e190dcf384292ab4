/**
 * Browsers let a page play sound only after the user interacted with it (autoplay rules). The console therefore
 * asks for one click to enable the ringtone, and says so when the browser still refuses.
 *
 * needs-click: sound not unlocked yet; enabled: it will ring; blocked: the browser refused even after a click;
 * muted: the agent turned the ringtone off.
 */
export type SoundState = 'needs-click' | 'enabled' | 'blocked' | 'muted';

export interface RingtoneState {
  sound: SoundState;
  /** An offer rings now. */
  ringing: boolean;
}

export type RingtoneEvent =
  | { type: 'ringing'; ringing: boolean }
  /** The audio output was tried after a click (or found running at start): did it run? */
  | { type: 'unlock-result'; running: boolean }
  | { type: 'mute' }
  | { type: 'unmute' }
  /** The browser suspended the audio output again (another tab, device change…). */
  | { type: 'suspended' };

/** The state at start: the browser may already allow sound (the user interacted before, or a site setting). */
export const initialRingtone = (audioRunning: boolean): RingtoneState => ({ sound: audioRunning ? 'enabled' : 'needs-click', ringing: false });

export function ringtoneReducer(state: RingtoneState, event: RingtoneEvent): RingtoneState {
  switch (event.type) {
    case 'ringing':
      return { ...state, ringing: event.ringing };
    case 'unlock-result':
      if (state.sound === 'muted') return state;
      return { ...state, sound: event.running ? 'enabled' : 'blocked' };
    case 'mute':
      return { ...state, sound: 'muted' };
    case 'unmute':
      // Back to asking: the output has to be unlocked (or found running) again.
      return { ...state, sound: 'needs-click' };
    case 'suspended':
      return state.sound === 'enabled' ? { ...state, sound: 'needs-click' } : state;
  }
}

/** Whether the tone sounds now. */
export const isSounding = (state: RingtoneState): boolean => state.ringing && state.sound === 'enabled';

/** What the console tells the agent about sound; null when there is nothing to say. */
export function soundNotice(state: RingtoneState): string | null {
  switch (state.sound) {
    case 'needs-click':
      return state.ringing ? 'Sound is off: click “Enable sound” to hear incoming calls.' : 'Click “Enable sound” once so that incoming calls ring.';
    case 'blocked':
      return 'Your browser blocks sound on this page: allow sound for this site in the browser’s site settings, then click “Enable sound” again.';
    case 'muted':
      return 'The ringtone is muted.';
    case 'enabled':
      return null;
  }
}
