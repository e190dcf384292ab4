import { useCallback, useEffect, useReducer, useRef } from 'react';
import { RingtonePlayer } from './ringtone-player';
import { initialRingtone, isSounding, ringtoneReducer, type RingtoneState } from './ringtone-state';

export interface Ringtone {
  state: RingtoneState;
  /** From a click: unlocks the audio output (the browser's autoplay rule) and says whether it worked. */
  enable(): Promise<void>;
  mute(): void;
}

/** Rings while `ringing`, once sound is enabled. */
export function useRingtone(ringing: boolean): Ringtone {
  const [state, dispatch] = useReducer(ringtoneReducer, false, initialRingtone);
  const player = useRef<RingtonePlayer | null>(null);

  // The audio output belongs to the mounted page: made and closed by an effect (StrictMode mounts effects twice).
  useEffect(() => {
    const created = new RingtonePlayer(() => dispatch({ type: 'suspended' }));
    player.current = created;
    // The browser may allow sound already (the user interacted with the page before it was made).
    if (created.running) dispatch({ type: 'unlock-result', running: true });
    return () => {
      created.close();
      player.current = null;
    };
  }, []);
  useEffect(() => dispatch({ type: 'ringing', ringing }), [ringing]);
  const sounding = isSounding(state);
  useEffect(() => {
    if (sounding) player.current?.start();
    else player.current?.stop();
  }, [sounding]);

  const enable = useCallback(async () => {
    if (state.sound === 'muted') dispatch({ type: 'unmute' });
    dispatch({ type: 'unlock-result', running: (await player.current?.unlock()) ?? false });
  }, [state.sound]);
  const mute = useCallback(() => dispatch({ type: 'mute' }), []);
  return { state, enable, mute };
}
