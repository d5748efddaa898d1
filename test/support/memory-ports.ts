import type { Counter, CounterStore } from '../../server/store/ports/counters.js';
import type { FlowRecord, FlowStore } from '../../server/store/ports/flows.js';

/** Flows kept in a Map: a store of their own, as a Redis port would be. */
export function memoryFlows(): FlowStore & { rows: Map<string, FlowRecord> } {
  const rows = new Map<string, FlowRecord>();
  return {
    rows,
    async createFlow(flow) {
      if (rows.has(flow.id)) throw new Error(`flow ${flow.id} exists`);
      rows.set(flow.id, structuredClone(flow));
    },
    async getFlow(id) {
      const row = rows.get(id);
      return row ? structuredClone(row) : null;
    },
    async saveFlow(flow) {
      const row = rows.get(flow.id);
      if (!row || row.version !== flow.version) return false;
      flow.version += 1;
      rows.set(flow.id, structuredClone(flow));
      return true;
    },
    async sweepFlows(before) {
      const gone = [...rows.values()].filter((f) => new Date(f.expiresAt) < before);
      for (const f of gone) rows.delete(f.id);
      return gone
        .filter((f) => (f.kind === 'login' || f.kind === 'step-up') && f.status === 'pending')
        .map((f) => ({ clientId: f.clientId, acr: f.acr }));
    },
  };
}

/** Fixed-window counters kept in a Map, keyed by key, window length and window start. */
export function memoryCounters(): CounterStore & { windows: Map<string, { count: number; start: number }> } {
  const windows = new Map<string, { count: number; start: number }>();
  const at = (key: string, windowSeconds: number, now: Date) => {
    const ms = windowSeconds * 1000;
    const start = Math.floor(now.getTime() / ms) * ms;
    return { id: `${key}@${windowSeconds}s@${start}`, start, resetAt: new Date(start + ms) };
  };
  return {
    windows,
    async hit(key, windowSeconds, now): Promise<Counter> {
      const w = at(key, windowSeconds, now);
      const count = (windows.get(w.id)?.count ?? 0) + 1;
      windows.set(w.id, { count, start: w.start });
      return { count, resetAt: w.resetAt };
    },
    async peek(key, windowSeconds, now) {
      const w = at(key, windowSeconds, now);
      return { count: windows.get(w.id)?.count ?? 0, resetAt: w.resetAt };
    },
    async refund(key, windowSeconds, when) {
      const row = windows.get(at(key, windowSeconds, when).id);
      if (row && row.count > 0) row.count -= 1;
    },
    async sweepCounters(before) {
      for (const [id, row] of windows) if (row.start < before.getTime() - 86_400_000) windows.delete(id);
    },
  };
}
