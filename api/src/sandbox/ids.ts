import { randomBytes, randomInt } from 'node:crypto';

/** 100-ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 122_192_928_000_000_000n;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `v3:` + 54 url-safe base64 characters, like the call_control_id values Telnyx issues today. */
export function newCallControlId(): string {
  return `v3:${randomBytes(40).toString('base64url')}`;
}

/** 10 alphanumeric characters, like the observed `speak_id`. */
export function newShortToken(length = 10): string {
  let token = '';
  for (let i = 0; i < length; i++) token += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return token;
}

/** A 19-digit numeric string, like a Call Control application id. */
export function newConnectionId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 1; i < 19; i++) id += String(randomInt(10));
  return id;
}

/**
 * Time-based (version 1) UUIDs, the shape of Telnyx `call_leg_id` / `call_session_id` values
 * (`ab838ff2-e56c-11f1-9894-02420a0d0870`). Strictly increasing timestamps within one generator.
 */
export function createTimeUuidGenerator(now: () => number): () => string {
  const node = Buffer.concat([Buffer.from([0x02, 0x42]), randomBytes(4)]).toString('hex');
  let last = 0n;
  return () => {
    let timestamp = BigInt(Math.floor(now())) * 10_000n + GREGORIAN_OFFSET;
    if (timestamp <= last) timestamp = last + 1n;
    last = timestamp;
    const timeLow = (timestamp & 0xffff_ffffn).toString(16).padStart(8, '0');
    const timeMid = ((timestamp >> 32n) & 0xffffn).toString(16).padStart(4, '0');
    const timeHigh = (((timestamp >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
    const clockSeq = (0x8000 | randomInt(0x4000)).toString(16).padStart(4, '0');
    return `${timeLow}-${timeMid}-${timeHigh}-${clockSeq}-${node}`;
  };
}

/**
 * `occurred_at` timestamps: UTC ISO-8601 with 6 fractional digits, strictly increasing, so events keep
 * the order they were emitted in even within one millisecond.
 */
export function createMicrosecondClock(now: () => number): () => string {
  let lastMicros = 0;
  return () => {
    const micros = Math.max(Math.floor(now() * 1000), lastMicros + 1);
    lastMicros = micros;
    const millisIso = new Date(Math.floor(micros / 1000)).toISOString();
    return `${millisIso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`;
  };
}
