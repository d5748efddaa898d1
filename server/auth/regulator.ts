import { rateLimited } from '../errors.js';
import type { Counter, CounterKey, CounterStore } from '../store/ports/counters.js';
import { limitKind } from './limit-kind.js';

/** All the regulator asks of storage: count an attempt, give one back. */
export type RegulatorStore = Pick<CounterStore, 'hit' | 'refund' | 'hitAll' | 'refundAll'>;

/** A budget of events per key and fixed window. */
export interface Limit {
  key: string;
  windowSeconds: number;
  max: number;
  /** What the user reads when the budget is spent. */
  message?: string;
}

/**
 * Counts the attempt first and only then compares: parallel attempts each get their own count,
 * so none slips under the limit because the others had not been counted yet.
 */
export async function spend(store: Pick<RegulatorStore, 'hit'>, limit: Limit, now: Date): Promise<void> {
  assertWithin(limit, await store.hit(limit.key, limit.windowSeconds, now), now);
}

/** Refuses (`rate_limited`) once a counter has gone past its limit's budget. */
export function assertWithin(limit: Limit, counter: Counter, now: Date): void {
  if (counter.count > limit.max) throw rateLimited((counter.resetAt.getTime() - now.getTime()) / 1000, limit.message, limitKind(limit.key));
}

/** Counts one event on each counter, in one call where the store can; answers their counts in order. */
export async function hitAll(store: Pick<RegulatorStore, 'hit' | 'hitAll'>, counters: CounterKey[], now: Date): Promise<Counter[]> {
  if (store.hitAll) return store.hitAll(counters, now);
  const counts: Counter[] = [];
  for (const { key, windowSeconds } of counters) counts.push(await store.hit(key, windowSeconds, now));
  return counts;
}

/** Gives back one event on each counter, in one call where the store can. */
export async function refundAll(store: Pick<RegulatorStore, 'refund' | 'refundAll'>, counters: CounterKey[], at: Date): Promise<void> {
  if (store.refundAll) return store.refundAll(counters, at);
  for (const { key, windowSeconds } of counters) await store.refund(key, windowSeconds, at);
}

/** Gives the attempt back when it turned out right: only failures use up the budget. */
export function refund(store: Pick<RegulatorStore, 'refund'>, limit: Limit, now: Date): Promise<void> {
  return store.refund(limit.key, limit.windowSeconds, now);
}
