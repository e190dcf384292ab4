import fc from 'fast-check';
import { decodeClientState, encodeClientState } from './client-state';

/** Text our encoder is meant for: well-formed Unicode without control characters other than tab/LF/CR. */
const clientText = fc
  .string({ unit: 'grapheme', maxLength: 200 })
  .filter((text) => !/(?![\t\n\r])\p{Cc}/u.test(text));

function wrapAt76(base64: string, newline: string): string {
  return (base64.match(/.{1,76}/g) ?? []).join(newline);
}

describe('encodeClientState', () => {
  it('produces standard padded base64 of the UTF-8 bytes (Buffer as the oracle)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(encodeClientState(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes non-ASCII text', () => {
    expect(encodeClientState('Zoë — 日本 🎉')).toBe('Wm/DqyDigJQg5pel5pysIPCfjok=');
    expect(encodeClientState('')).toBe('');
  });
});

describe('decodeClientState', () => {
  it('decodes what Telnyx echoes back', () => {
    expect(decodeClientState('aGF2ZSBhIG5pY2UgZGF5ID1d')).toBe('have a nice day =]');
    expect(decodeClientState('Wm/DqyDigJQg5pel5pysIPCfjok=')).toBe('Zoë — 日本 🎉');
  });

  it('round-trips text, non-ASCII and a leading BOM included (property)', () => {
    expect(decodeClientState(encodeClientState('\uFEFFstate'))).toBe('\uFEFFstate');
    fc.assert(
      fc.property(clientText, (text) => {
        expect(decodeClientState(encodeClientState(text))).toBe(text === '' ? null : text);
      }),
      { numRuns: 500 },
    );
  });

  it('reads base64 wrapped at 76 characters, with LF or CRLF, and surrounding whitespace', () => {
    const state = JSON.stringify({ workflowId: 'call-ab83915a-e56c-11f1-9886-02420a0d0870', leg: 'agent', note: 'Zoë' });
    const encoded = encodeClientState(state);
    expect(encoded.length).toBeGreaterThan(76);
    expect(decodeClientState(wrapAt76(encoded, '\n'))).toBe(state);
    expect(decodeClientState(`${wrapAt76(encoded, '\r\n')}\r\n`)).toBe(state);
    expect(decodeClientState(`  ${encoded}\n`)).toBe(state);
  });

  it('returns null when there is no client state', () => {
    expect(decodeClientState(null)).toBeNull();
    expect(decodeClientState(undefined)).toBeNull();
    expect(decodeClientState('')).toBeNull();
    expect(decodeClientState(' \n')).toBeNull();
  });

  it.each([
    ['characters outside the base64 alphabet', 'wf:call-ab83915a'],
    ['text with spaces', 'agent leg for queue support'],
    ['unpadded length', 'QQ'],
    ['padding in the middle', 'QQ==QQ=='],
    ['non-zero bits before the padding', 'QR=='],
    ['bytes that are not UTF-8', '/w=='],
    ['bytes that decode to control characters', 'AAAA'],
    ['url-safe base64', 'Pz8_'],
  ])('returns plain text as received: %s', (_, raw) => {
    expect(decodeClientState(raw)).toBe(raw);
  });

  it('never throws, and returns the input or text whose encoding is the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const decoded = decodeClientState(raw);
        if (decoded === null) expect(raw.trim()).toBe('');
        else if (decoded !== raw) expect(encodeClientState(decoded)).toBe(raw.replace(/\s+/g, ''));
      }),
      { numRuns: 1000 },
    );
  });
});
