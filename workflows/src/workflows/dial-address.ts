import type { DialTarget } from '@callflow/engine';

/** What to dial for a ring target: agents' endpoints become SIP URIs, outside numbers stay numbers. */
export function dialAddress(target: DialTarget): string {
  const { address } = target;
  switch (address.type) {
    case 'number':
      return address.number;
    case 'sip':
      return address.uri;
    case 'sandbox':
      return `sip:${address.id}@sandbox.callflow.test`;
    case 'webrtc':
      return `sip:${address.credentialId}@sip.telnyx.com`;
  }
}
