import { seededRandom, shuffleChanged } from './prng';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays within [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });
});

describe('shuffleChanged', () => {
  it('keeps the items and never returns the original order for two or more items', () => {
    const random = seededRandom(1);
    for (let length = 2; length < 8; length++) {
      const items = Array.from({ length }, (_, index) => ({ index }));
      for (let run = 0; run < 200; run++) {
        const shuffled = shuffleChanged(items, random);
        expect([...shuffled].sort((x, y) => x.index - y.index)).toEqual(items);
        expect(shuffled.some((item, index) => item !== items[index])).toBe(true);
      }
    }
    expect(shuffleChanged([{ index: 0 }], random)).toEqual([{ index: 0 }]);
  });
});
