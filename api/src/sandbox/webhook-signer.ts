import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The sandbox's Ed25519 key pair: signs webhooks the way Telnyx does (reference §6). */
export class WebhookSigner {
  /** Raw 32-byte public key, base64 — the format Telnyx's portal shows and `TELNYX_PUBLIC_KEY` holds. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    if (typeof jwk.x !== 'string') throw new Error('Ed25519 key export returned no public key');
    this.publicKey = Buffer.from(jwk.x, 'base64url').toString('base64');
    this.privateKey = privateKey;
  }

  /** Base64 signature over `timestamp|body` (the exact body bytes sent). */
  sign(timestamp: string, body: string): string {
    return sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), this.privateKey).toString('base64');
  }
}
