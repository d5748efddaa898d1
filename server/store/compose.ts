import type { CounterStore } from './ports/counters.js';
import type { FlowStore } from './ports/flows.js';
import type { Store } from './types.js';

/**
 * The store with flows and counters kept elsewhere (short-lived data, say in Redis); users,
 * credentials, clients and keys stay in `store`, a provider made by `sqlStore`.
 */
export function withPorts(store: Store, ports: { flows?: FlowStore; counters?: CounterStore }): Store {
  const { flows = store, counters = store } = ports;
  if (flows === store && counters === store) return store;
  return {
    ...store,
    createFlow: (flow) => flows.createFlow(flow),
    getFlow: (id) => flows.getFlow(id),
    saveFlow: (flow) => flows.saveFlow(flow),
    sweepFlows: (before) => flows.sweepFlows(before),
    // No transaction spans two stores: the start is counted first, and made only within the limit.
    async createFlowWithin(flow, limit, now) {
      const counted = await counters.hit(limit.key, limit.windowSeconds, now);
      if (counted.count <= limit.max) await flows.createFlow(flow);
      return counted;
    },
    hit: (key, windowSeconds, now) => counters.hit(key, windowSeconds, now),
    peek: (key, windowSeconds, now) => counters.peek(key, windowSeconds, now),
    refund: (key, windowSeconds, at) => counters.refund(key, windowSeconds, at),
    sweepCounters: (before) => counters.sweepCounters(before),
  };
}
