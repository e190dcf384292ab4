import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface WebhookSigner {
  /** The raw Ed25519 public key, base64 (what TELNYX_PUBLIC_KEY holds). */
  publicKey: string;
  /** Headers Telnyx would send with `body`, signed at `timestampSecs` (default: now). */
  headers(body: string, timestampSecs?: number): Record<string, string>;
}

export function createWebhookSigner(): WebhookSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64'),
    headers: (body, timestampSecs = Math.floor(Date.now() / 1000)) => signedHeaders(privateKey, body, timestampSecs),
  };
}

function signedHeaders(privateKey: KeyObject, body: string, timestampSecs: number): Record<string, string> {
  const timestamp = String(timestampSecs);
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), privateKey).toString('base64');
  return {
    'content-type': 'application/json',
    'user-agent': 'telnyx-webhooks',
    'telnyx-signature-ed25519': signature,
    'telnyx-timestamp': timestamp,
  };
}
