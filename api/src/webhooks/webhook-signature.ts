import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { assertEd25519PublicKey } from '../config';

export const SIGNATURE_HEADER = 'telnyx-signature-ed25519';
export const TIMESTAMP_HEADER = 'telnyx-timestamp';
/** Telnyx's SDK tolerance, applied in both directions (a timestamp from the future is refused too). */
export const SIGNATURE_TOLERANCE_SECS = 300;

// DER prefix that wraps a raw 32-byte Ed25519 public key as SubjectPublicKeyInfo (RFC 8410).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Why a signature was refused, in the few classes the verification-failure metric counts. */
export type SignatureFailure = 'missing-header' | 'bad-timestamp' | 'bad-signature';
export const SIGNATURE_FAILURES: readonly SignatureFailure[] = ['missing-header', 'bad-timestamp', 'bad-signature'];

export type SignatureCheck = { ok: true } | { ok: false; failure: SignatureFailure; reason: string };

/** The portal's base64 raw Ed25519 key → a key node:crypto verifies with. */
export function telnyxPublicKey(base64: string): KeyObject {
  assertEd25519PublicKey(base64, 'The Telnyx webhook public key');
  const raw = Buffer.from(base64.trim(), 'base64');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function singleHeader(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Telnyx webhook signature: Ed25519 over the bytes of `<telnyx-timestamp>|<raw body>`, base64 in
 * `telnyx-signature-ed25519`; the timestamp (unix seconds) must be within ±300 s of `nowMs`.
 * `headers` as Node gives them (lower-case names).
 */
export function verifyTelnyxSignature(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  key: KeyObject,
  nowMs: number,
): SignatureCheck {
  const signatureHeader = singleHeader(headers, SIGNATURE_HEADER);
  const timestamp = singleHeader(headers, TIMESTAMP_HEADER);
  if (signatureHeader === null) return { ok: false, failure: 'missing-header', reason: `missing or repeated ${SIGNATURE_HEADER} header` };
  if (timestamp === null) return { ok: false, failure: 'missing-header', reason: `missing or repeated ${TIMESTAMP_HEADER} header` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, failure: 'bad-timestamp', reason: `${TIMESTAMP_HEADER} must be unix seconds (got "${timestamp.slice(0, 40)}")` };
  const skewSecs = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skewSecs > SIGNATURE_TOLERANCE_SECS) {
    return { ok: false, failure: 'bad-timestamp', reason: `${TIMESTAMP_HEADER} is ${Math.round(skewSecs)} s away from now (tolerance ${SIGNATURE_TOLERANCE_SECS} s)` };
  }
  const signature = /^[A-Za-z0-9+/]+={0,2}$/.test(signatureHeader) ? Buffer.from(signatureHeader, 'base64') : null;
  if (signature === null || signature.length !== 64) return { ok: false, failure: 'bad-signature', reason: `${SIGNATURE_HEADER} is not a base64 64-byte Ed25519 signature` };
  const signed = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), rawBody]);
  return verify(null, signed, key, signature) ? { ok: true } : { ok: false, failure: 'bad-signature', reason: 'signature does not match the body and timestamp' };
}
