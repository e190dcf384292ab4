/** Simulated durations in seconds, multiplied by the carrier's speed factor. */
export const TIMING = {
  /** From an accepted command to the webhooks it causes. */
  commandLatencySecs: 0.1,
  /** Between two key presses of a simulated party. */
  digitSpacingSecs: 0.3,
  /** From a gather starting to listen to the simulated party's first key press. */
  callerThinkSecs: 1,
  /** From hold music starting to a key press during queue hold. */
  holdPressDelaySecs: 3,
  /** One playback of an audio file (any URL). */
  audioSecs: 5,
  /** An incoming call the flow never answers, transfers, rejects or hangs up is dropped after this (default). */
  firstCommandTimeoutSecs: 30,
  /** From a recording starting to the party starting to speak into it. */
  recordingSpeechLeadSecs: 0.5,
  /** From a recording stopping to call.recording.saved. */
  recordingSavedLatencySecs: 0.5,
  /** From the party finishing speaking to hanging up, when its script says so. */
  hangUpAfterSpeechSecs: 0.5,
  smsSentSecs: 0.5,
  smsFinalizedSecs: 2,
} as const;

const WORDS_PER_SEC = 2.5;

/** How long text takes to say: words / 2.5 s (SSML tags ignored), at least 0.4 s. */
export function speechSecs(text: string): number {
  const words = text.replace(/<[^>]*>/g, ' ').trim().split(/\s+/).filter(Boolean).length;
  return Math.max(0.4, words / WORDS_PER_SEC);
}

/** The first words of `text` that fit in `secs` at the speaking rate. */
export function wordsSpokenIn(text: string, secs: number): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.slice(0, Math.max(0, Math.floor(secs * WORDS_PER_SEC + 1e-9))).join(' ');
}
