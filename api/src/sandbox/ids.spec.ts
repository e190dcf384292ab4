import { createMicrosecondClock, createTimeUuidGenerator, newCallControlId, newConnectionId, newShortToken } from './ids';

describe('sandbox ids', () => {
  it('makes call control ids like Telnyx v3 ones', () => {
    const ids = new Set(Array.from({ length: 100 }, newCallControlId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^v3:[A-Za-z0-9_-]{54}$/);
    expect(newShortToken()).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(newConnectionId()).toMatch(/^[1-9]\d{18}$/);
  });

  it('makes version 1 UUIDs whose timestamps follow the clock and never repeat', () => {
    const now = Date.UTC(2026, 10, 3, 15, 4, 5, 118);
    const next = createTimeUuidGenerator(() => now);
    const first = next();
    const second = next();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-0242[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
    const timestamp = (uuid: string): bigint => {
      const [low, mid, high] = uuid.split('-');
      return BigInt(`0x${(high ?? '').slice(1)}${mid}${low}`);
    };
    expect(timestamp(second) - timestamp(first)).toBe(1n);
    expect((timestamp(first) - 122_192_928_000_000_000n) / 10_000n).toBe(BigInt(now));
  });

  it('writes occurred_at with six fractional digits, strictly increasing within a millisecond', () => {
    const clock = createMicrosecondClock(() => Date.UTC(2026, 10, 3, 15, 4, 5, 118));
    expect([clock(), clock(), clock()]).toEqual([
      '2026-11-03T15:04:05.118000Z',
      '2026-11-03T15:04:05.118001Z',
      '2026-11-03T15:04:05.118002Z',
    ]);
  });
});
