export interface Counter {
  count: number;
  resetAt: Date;
}

/** One counter: `hit`'s and `refund`'s key and window, for several at once. */
export interface CounterKey {
  key: string;
  windowSeconds: number;
}

/** Rate counters in fixed windows: short-lived, so a store of their own (Redis, say) may keep them. */
export interface CounterStore {
  /** Counts one event in a fixed window and answers the window's total. Atomic. */
  hit(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  peek(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  /** Gives back one event counted by `hit` at `at` (an attempt that turned out to be right). */
  refund(key: string, windowSeconds: number, at: Date): Promise<void>;
  /**
   * Optional: `hit` for each counter in one call (one round trip for all), answered in order;
   * atomic for each. Without it, the counters are hit one after the other.
   */
  hitAll?(counters: CounterKey[], now: Date): Promise<Counter[]>;
  /** Optional: `refund` for each counter in one call. Without it, one after the other. */
  refundAll?(counters: CounterKey[], at: Date): Promise<void>;
  /** Forgets the counters of windows long past (a day before `before`). */
  sweepCounters(before: Date): Promise<void>;
}
