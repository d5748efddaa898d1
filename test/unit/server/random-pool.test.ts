import { describe, expect, it } from 'vitest';
import { randomBytesFromPool } from '../../../server/crypto/random.js';

describe('random bytes from the pool', () => {
  it('answers the length asked for, never the same bytes twice, across block refills', () => {
    const seen = new Set<string>();
    // 4096-byte blocks: 2,000 draws of 32 cross about 15 refills.
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytesFromPool(32);
      expect(bytes).toHaveLength(32);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('hands out copies: wiping one (a key made from it) changes nothing handed out next', () => {
    const a = randomBytesFromPool(12);
    const copy = Buffer.from(a);
    const b = randomBytesFromPool(12);
    const bBefore = Buffer.from(b);
    a.fill(0);
    expect(b.equals(bBefore)).toBe(true);
    expect(copy.equals(Buffer.alloc(12))).toBe(false);
  });

  it('looks uniform: every byte value turns up about as often', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 400; i++) for (const byte of randomBytesFromPool(64)) counts[byte]!++;
    // 25,600 bytes: 100 of each value expected; a stuck or zeroed pool would fail by far.
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(160);
  });

  it('draws a large request on its own', () => {
    expect(randomBytesFromPool(5000)).toHaveLength(5000);
  });
});
