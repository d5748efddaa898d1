import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unlessBusy } from '../../../server/store/sqlite-commits.js';

/** A step that meets a busy database `times` times, then answers 'done'. */
function busyFor(times: number) {
  const step = vi.fn(() => {
    if (step.mock.calls.length <= times) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    return 'done';
  });
  return step;
}

/** Lets every promise callback already due run, without moving the (fake) clock. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('a statement that meets the write lock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is tried again after a pause, longer each time, off the event loop', async () => {
    const step = busyFor(2);
    const answer = unlessBusy(step);
    expect(answer).toBeInstanceOf(Promise);
    await settle();
    expect(step).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(step).toHaveBeenCalledTimes(2);
    // The second pause is twice the first.
    await vi.advanceTimersByTimeAsync(3);
    expect(step).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toBe('done');
  });

  it('is tried again as soon as the checkpoint thread says it let go of the lock, not after its pause', async () => {
    const step = busyFor(1);
    let letGo = () => {};
    const answer = unlessBusy(step, {
      onUnlocked: (wake) => {
        letGo = wake;
        return () => {};
      },
    });
    await settle();
    expect(step).toHaveBeenCalledTimes(1);
    letGo();
    await settle();
    // No time has passed on the clock: the word alone woke it.
    expect(step).toHaveBeenCalledTimes(2);
    await expect(answer).resolves.toBe('done');
    // Its pause was called off: no timer is left behind.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('without that word (another process holds the lock) waits out its pause, and takes back each wait it left', async () => {
    const step = busyFor(3);
    // The thread's waiting list, as a lock held elsewhere for long leaves it: nothing ever wakes it.
    const waiting = new Set<() => void>();
    const answer = unlessBusy(step, {
      onUnlocked: (wake) => {
        waiting.add(wake);
        return () => waiting.delete(wake);
      },
    });
    await settle();
    expect(waiting.size).toBe(1);
    await vi.advanceTimersByTimeAsync(2 + 4 + 8);
    await expect(answer).resolves.toBe('done');
    expect(step).toHaveBeenCalledTimes(4);
    // Three pauses ended on their timers: none of them is still on the list.
    expect(waiting.size).toBe(0);
  });

  it('fails with anything other than a busy database at once', () => {
    expect(() =>
      unlessBusy(() => {
        throw Object.assign(new Error('no such table: t'), { code: 'SQLITE_ERROR' });
      }),
    ).toThrow('no such table');
  });
});
