import { renderWav } from './wav';

describe('renderWav', () => {
  it('writes an 8 kHz 8-bit mono PCM WAV of the duration, a tone only where there was speech', () => {
    const wav = renderWav(500, { fromMs: 100, toMs: 200 });
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.subarray(8, 16).toString('ascii')).toBe('WAVEfmt ');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 8000, 8]);
    expect(wav.readUInt32LE(40)).toBe(4000);
    const samples = wav.subarray(44);
    expect(samples).toHaveLength(4000);
    expect(samples.subarray(0, 800).every((sample) => sample === 128)).toBe(true);
    expect(samples.subarray(800, 1600).some((sample) => sample !== 128)).toBe(true);
    expect(samples.subarray(1600).every((sample) => sample === 128)).toBe(true);
  });

  it('caps the audio at 60 seconds', () => {
    expect(renderWav(10 * 60_000, null).readUInt32LE(40)).toBe(60 * 8000);
  });
});
