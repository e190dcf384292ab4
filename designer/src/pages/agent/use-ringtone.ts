import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
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
  const suspended = useRef<() => void>(() => undefined);
  const [player] = useState(() => new RingtonePlayer(() => suspended.current()));
  const [state, dispatch] = useReducer(ringtoneReducer, player.running, initialRingtone);
  suspended.current = () => dispatch({ type: 'suspended' });

  useEffect(() => () => player.close(), [player]);
  useEffect(() => dispatch({ type: 'ringing', ringing }), [ringing]);
  const sounding = isSounding(state);
  useEffect(() => {
    if (sounding) player.start();
    else player.stop();
  }, [sounding, player]);

  const enable = useCallback(async () => {
    if (state.sound === 'muted') dispatch({ type: 'unmute' });
    dispatch({ type: 'unlock-result', running: await player.unlock() });
  }, [player, state.sound]);
  const mute = useCallback(() => dispatch({ type: 'mute' }), []);
  return { state, enable, mute };
}
