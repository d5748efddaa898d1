export interface Counter {
  count: number;
  resetAt: Date;
}

/** Rate counters in fixed windows: short-lived, so a store of their own (Redis, say) may keep them. */
export interface CounterStore {
  /** Counts one event in a fixed window and answers the window's total. Atomic. */
  hit(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  peek(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  /** Gives back one event counted by `hit` at `at` (an attempt that turned out to be right). */
  refund(key: string, windowSeconds: number, at: Date): Promise<void>;
  /** Forgets the counters of windows long past (a day before `before`). */
  sweepCounters(before: Date): Promise<void>;
}
