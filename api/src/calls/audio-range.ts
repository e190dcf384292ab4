/** The bytes to send of a file of `size` bytes: all of it, one range (206), or none the client can have (416). */
export type ByteRange = { type: 'whole' } | { type: 'partial'; start: number; end: number } | { type: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads an HTTP Range header (RFC 9110 §14): one `bytes=` range, open-ended or a suffix. Anything this does not
 * serve as a range (several ranges, other units, malformed) gets the whole file, as the RFC allows.
 */
export function byteRange(header: string | undefined, size: number): ByteRange {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header.trim());
  if (!match) return { type: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { type: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { type: 'unsatisfiable' };
    return { type: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { type: 'whole' };
  if (start >= size) return { type: 'unsatisfiable' };
  return { type: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** Audio to send: the whole file (200), a range of it (206), or no part the client can have (416). */
export interface AudioReply {
  status: 200 | 206 | 416;
  contentType: string;
  size: number;
  /** Inclusive, for 206. */
  range: { start: number; end: number } | null;
  body: Buffer;
}

export interface StoredAudio {
  contentType: string;
  size: number;
  /** `length` bytes from `start` (0-based). */
  read(start: number, length: number): Promise<Buffer>;
}

/** Reads only the bytes the Range header asks for. */
export async function audioReply(audio: StoredAudio, rangeHeader: string | undefined): Promise<AudioReply> {
  const range = byteRange(rangeHeader, audio.size);
  const base = { contentType: audio.contentType, size: audio.size };
  switch (range.type) {
    case 'whole':
      return { ...base, status: 200, range: null, body: await audio.read(0, audio.size) };
    case 'partial':
      return { ...base, status: 206, range, body: await audio.read(range.start, range.end - range.start + 1) };
    case 'unsatisfiable':
      return { ...base, status: 416, range: null, body: Buffer.alloc(0) };
  }
}

/**
 * The headers of an AudioReply. The stored content type is the carrier's: anything but audio is sent as opaque
 * bytes, and browsers are told not to guess, so a stored file can never be rendered as a page of ours.
 */
export function audioHeaders(reply: AudioReply): Record<string, string> {
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'content-type': reply.status === 416 ? 'text/plain' : /^audio\/[\w.+-]+$/.test(reply.contentType) ? reply.contentType : 'application/octet-stream',
    'content-length': String(reply.body.length),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (reply.status === 206 && reply.range) headers['content-range'] = `bytes ${reply.range.start}-${reply.range.end}/${reply.size}`;
  if (reply.status === 416) headers['content-range'] = `bytes */${reply.size}`;
  return headers;
}
