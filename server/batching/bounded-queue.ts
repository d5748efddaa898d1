/**
 * A first-in first-out queue of at most `max` items: a push onto a full queue drops the oldest
 * and counts it, so a stuck consumer costs bounded memory and never a producer's time.
 */
export class BoundedQueue<T> {
  private items: T[] = [];
  /** Items dropped since the queue was made. */
  dropped = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Answers the items this push dropped, oldest first (none while there is room). */
  push(item: T): T[] {
    this.items.push(item);
    const over = this.items.length - this.max;
    if (over <= 0) return [];
    this.dropped += over;
    return this.items.splice(0, over);
  }

  /** Puts items taken but not handled back in front, oldest first. */
  putBack(items: T[]): void {
    this.items.unshift(...items);
  }

  /** Removes and answers up to `n` of the oldest items. */
  take(n: number): T[] {
    return this.items.splice(0, n);
  }
}

/** True for 1, 10, 100…: a running count is reported at these, so a flood of drops logs a few lines. */
export const isPowerOfTen = (n: number): boolean => n >= 1 && /^10*$/.test(String(n));
