import { rateLimited } from '../errors.js';
import type { Counter, CounterStore } from '../store/ports/counters.js';
import type { FlowLimit, FlowRecord, FlowStartStore } from '../store/ports/flows.js';
import { limitKind } from './limit-kind.js';

/** All the regulator asks of storage: count an attempt, give one back. */
export type RegulatorStore = Pick<CounterStore, 'hit' | 'refund'>;

/** A budget of events per key and fixed window: the store's own (key, window, max), and what the user reads. */
export interface Limit extends FlowLimit {
  /** What the user reads when the budget is spent. */
  message?: string;
}

/**
 * Counts the attempt first and only then compares: parallel attempts each get their own count,
 * so none slips under the limit because the others had not been counted yet.
 */
export async function spend(store: Pick<RegulatorStore, 'hit'>, limit: Limit, now: Date): Promise<void> {
  refuseOver(limit, await store.hit(limit.key, limit.windowSeconds, now), now);
}

/** Counts a flow's start as `spend` does, and makes the flow only within the budget: one transaction where the store allows. */
export async function spendToStart(store: FlowStartStore, limit: Limit, flow: FlowRecord, now: Date): Promise<void> {
  refuseOver(limit, await store.createFlowWithin(flow, limit, now), now);
}

function refuseOver(limit: Limit, counter: Counter, now: Date): void {
  if (counter.count > limit.max) throw rateLimited((counter.resetAt.getTime() - now.getTime()) / 1000, limit.message, limitKind(limit.key));
}

/** Gives the attempt back when it turned out right: only failures use up the budget. */
export function refund(store: Pick<RegulatorStore, 'refund'>, limit: Limit, now: Date): Promise<void> {
  return store.refund(limit.key, limit.windowSeconds, now);
}
