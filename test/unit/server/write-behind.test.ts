import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { writeBehind, type WriteBehindOptions } from '../../../server/batching/write-behind.js';

const DELAY_MS = 40;

/** A write-behind of numbers whose every write takes `turns` turns of the event loop (a shared SQLite commit takes one). */
function recorded(overrides: Partial<WriteBehindOptions<number>> = {}, turns = 1) {
  const writes: number[][] = [];
  const rows = writeBehind<number>({
    write: async (batch) => {
      for (let turn = 0; turn < turns; turn++) await nextTurn();
      writes.push(batch);
    },
    batch: 4,
    delayMs: DELAY_MS,
    max: 1_000,
    failed: () => {},
    dropped: () => {},
    ...overrides,
  });
  return { rows, writes };
}

describe('write-behind batches', () => {
  it('writes a whole batch at once and holds a smaller one for the delay', async () => {
    const { rows, writes } = recorded();
    for (const n of [1, 2, 3, 4, 5]) rows.push(n);
    for (let turn = 0; turn < 5; turn++) await nextTurn();
    expect(writes).toEqual([[1, 2, 3, 4]]);
    await sleep(DELAY_MS + 30);
    expect(writes).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('under a steady trickle, writes whole batches rather than what each turn added', async () => {
    // One item a turn for 40 turns, each write taking three: items arrive while every write runs.
    const { rows, writes } = recorded({}, 3);
    for (let n = 0; n < 40; n++) {
      rows.push(n);
      await nextTurn();
    }
    await rows.flush();
    expect(writes.flat()).toEqual(Array.from({ length: 40 }, (_, n) => n));
    // Each write but the last is a whole batch: none took only the item or two one turn had queued.
    expect(writes.slice(0, -1).every((batch) => batch.length === 4)).toBe(true);
    expect(writes.length).toBe(10);
  });

  it('writes a batch that filled during a write right after it', async () => {
    const { rows, writes } = recorded();
    for (const n of [1, 2, 3, 4]) rows.push(n);
    // The first write is under way: these fill the next batch while it runs.
    for (const n of [5, 6, 7, 8, 9]) rows.push(n);
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    await rows.flush();
    expect(writes).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });

  it('flush writes what waits at once, a part batch included, without the delay', async () => {
    // A delay no test waits out: a flush that waited for it would time out.
    const { rows, writes } = recorded({ delayMs: 600_000 });
    for (const n of [1, 2, 3, 4, 5, 6]) rows.push(n);
    await rows.flush();
    expect(writes).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('a failed write is reported once and the next batch still goes', async () => {
    const failures: number[][] = [];
    let first = true;
    const writes: number[][] = [];
    const rows = writeBehind<number>({
      write: async (batch) => {
        await nextTurn();
        if (first) {
          first = false;
          throw new Error('disk full');
        }
        writes.push(batch);
      },
      batch: 2,
      delayMs: DELAY_MS,
      max: 100,
      failed: (_, batch) => failures.push(batch),
      dropped: () => {},
    });
    for (const n of [1, 2, 3, 4, 5]) rows.push(n);
    await rows.flush();
    expect(failures).toEqual([[1, 2]]);
    expect(writes).toEqual([[3, 4], [5]]);
  });
});
