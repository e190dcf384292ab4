/*
 * Telnyx `client_state` is base64 text echoed back in webhooks. The codec is written out instead of
 * using Buffer (Node only) or atob/btoa (Latin-1 only, and absent from the Temporal workflow sandbox,
 * which provides TextEncoder/TextDecoder but not atob/btoa).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 must throw so the value falls back to raw text; ignoreBOM: keep a leading U+FEFF.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** C0/C1 control characters other than tab, LF and CR: never in text we encode, typical of plain text misread as base64. */
const CONTROL_CHARACTER = /(?![\t\n\r])\p{Cc}/u;

function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const triple = ((bytes[i] ?? 0) << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out +=
      ALPHABET.charAt((triple >> 18) & 63) +
      ALPHABET.charAt((triple >> 12) & 63) +
      (b1 === undefined ? '=' : ALPHABET.charAt((triple >> 6) & 63)) +
      (b2 === undefined ? '=' : ALPHABET.charAt(triple & 63));
  }
  return out;
}

/** Strict, canonical, padded standard base64 → bytes; `null` for anything else. */
function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < text.length - padding; i++) {
    const sextet = ALPHABET.indexOf(text.charAt(i));
    if (sextet < 0) return null;
    buffer = (buffer << 6) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = buffer >> bits;
      buffer &= (1 << bits) - 1;
    }
  }
  // Canonical encoders zero the bits left over before the padding; plain text rarely does.
  return buffer === 0 ? bytes : null;
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 text → standard padded base64, for the `client_state` of a command. */
export function encodeClientState(value: string): string {
  return bytesToBase64(utf8Encoder.encode(value));
}

/**
 * A webhook's `client_state` → the text we encoded. `null` when there is none (`null`, missing or
 * empty). Whitespace is removed first (the Android WebRTC SDK wraps base64 at 76 characters). A value
 * that is not canonical base64 of UTF-8 text is returned as received: the iOS WebRTC SDK sends plain
 * text. Plain text that happens to be valid base64 of printable text (e.g. `call`) cannot be told
 * apart, so always set client_state through `encodeClientState`.
 */
export function decodeClientState(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const compact = raw.replace(/\s+/g, '');
  if (compact === '') return null;
  const bytes = base64ToBytes(compact);
  const text = bytes === null ? null : decodeUtf8(bytes);
  return text === null || CONTROL_CHARACTER.test(text) ? raw : text;
}
