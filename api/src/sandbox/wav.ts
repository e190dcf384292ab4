const SAMPLE_RATE = 8000;
const MAX_SECONDS = 60;

/**
 * A small mono 8 kHz 8-bit PCM WAV of `durationMs` (capped at 60 s): a tone where the party was
 * speaking, silence elsewhere. Enough for a player, a duration check, or storing the bytes.
 */
export function renderWav(durationMs: number, speech: { fromMs: number; toMs: number } | null): Buffer {
  const samples = Math.max(1, Math.round((Math.min(durationMs, MAX_SECONDS * 1000) / 1000) * SAMPLE_RATE));
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE, 28); // byte rate
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) {
    const ms = (i / SAMPLE_RATE) * 1000;
    const speaking = speech !== null && ms >= speech.fromMs && ms < speech.toMs;
    wav[44 + i] = speaking ? Math.round(128 + 60 * Math.sin((2 * Math.PI * 220 * i) / SAMPLE_RATE)) : 128;
  }
  return wav;
}
