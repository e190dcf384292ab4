import { generateKeyPairSync, sign } from 'node:crypto';
import { telnyxPublicKey, verifyTelnyxSignature } from './webhook-signature';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const rawPublicKey = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
const key = telnyxPublicKey(rawPublicKey);
const now = 1_790_000_000_000;
const body = Buffer.from('{ "data": { "id": "e1", "note": "Zoë" } }', 'utf8');

function headersFor(rawBody: Buffer, timestamp: string, signer = privateKey): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]), signer).toString('base64');
  return { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp };
}

describe('verifyTelnyxSignature', () => {
  it('accepts the exact signed bytes within the tolerance, either side of now', () => {
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000)), key, now)).toEqual({ ok: true });
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000 - 300)), key, now)).toEqual({ ok: true });
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000 + 300)), key, now)).toEqual({ ok: true });
  });

  it('refuses a body changed after signing (re-serialised JSON included)', () => {
    const headers = headersFor(body, String(now / 1000));
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())), 'utf8');
    expect(reserialised.equals(body)).toBe(false);
    expect(verifyTelnyxSignature(reserialised, headers, key, now)).toEqual({ ok: false, failure: 'bad-signature', reason: 'signature does not match the body and timestamp' });
  });

  it('refuses another key, a swapped timestamp, and timestamps outside ±300 s', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000), other), key, now).ok).toBe(false);
    const headers = headersFor(body, String(now / 1000));
    expect(verifyTelnyxSignature(body, { ...headers, 'telnyx-timestamp': String(now / 1000 + 1) }, key, now).ok).toBe(false);
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000 - 301)), key, now)).toEqual({
      ok: false,
      failure: 'bad-timestamp',
      reason: 'telnyx-timestamp is 301 s away from now (tolerance 300 s)',
    });
    expect(verifyTelnyxSignature(body, headersFor(body, String(now / 1000 + 301)), key, now).ok).toBe(false);
  });

  it('names a missing, repeated or malformed header', () => {
    const headers = headersFor(body, String(now / 1000));
    expect(verifyTelnyxSignature(body, { 'telnyx-timestamp': headers['telnyx-timestamp'] }, key, now)).toEqual({
      ok: false,
      failure: 'missing-header',
      reason: 'missing or repeated telnyx-signature-ed25519 header',
    });
    expect(verifyTelnyxSignature(body, { ...headers, 'telnyx-timestamp': undefined }, key, now)).toEqual({
      ok: false,
      failure: 'missing-header',
      reason: 'missing or repeated telnyx-timestamp header',
    });
    const repeated = [headers['telnyx-signature-ed25519'] ?? '', headers['telnyx-signature-ed25519'] ?? ''];
    expect(verifyTelnyxSignature(body, { ...headers, 'telnyx-signature-ed25519': repeated }, key, now).ok).toBe(false);
    expect(verifyTelnyxSignature(body, { ...headers, 'telnyx-timestamp': '2026-11-03T15:04:05Z' }, key, now)).toEqual({
      ok: false,
      failure: 'bad-timestamp',
      reason: 'telnyx-timestamp must be unix seconds (got "2026-11-03T15:04:05Z")',
    });
    expect(verifyTelnyxSignature(body, { ...headers, 'telnyx-signature-ed25519': 'c2hvcnQ=' }, key, now)).toEqual({
      ok: false,
      failure: 'bad-signature',
      reason: 'telnyx-signature-ed25519 is not a base64 64-byte Ed25519 signature',
    });
  });

  it('refuses a key that is not a raw 32-byte Ed25519 key in base64', () => {
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => telnyxPublicKey(pem)).toThrow('must be the raw 32-byte Ed25519 public key in base64');
    expect(() => telnyxPublicKey(Buffer.alloc(31).toString('base64'))).toThrow('must be the raw 32-byte Ed25519 public key in base64');
  });
});
