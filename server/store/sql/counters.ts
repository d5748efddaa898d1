import type { SqlDriver, SqlStatements } from '../driver.js';
import type { Counter, CounterStore } from '../ports/counters.js';

/** Windows of different lengths that start together (a minute and an hour at 10:00) are two counters. */
const counterKey = (key: string, windowSeconds: number) => `${key}@${windowSeconds}s`;

function windowStart(windowSeconds: number, now: Date): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

const counter = (count: number, start: Date, seconds: number): Counter => ({ count, resetAt: new Date(start.getTime() + seconds * 1000) });

/** Counts one event and answers the total: its parameters are `hitParams`. */
export const HIT =
  'INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1) ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING count';

/** `HIT`'s parameters, and how to read the count it answers. */
export function hitParams(key: string, windowSeconds: number, now: Date): { params: unknown[]; counterOf: (count: unknown) => Counter } {
  const start = windowStart(windowSeconds, now);
  return { params: [counterKey(key, windowSeconds), start.toISOString()], counterOf: (count) => counter(Number(count ?? 1), start, windowSeconds) };
}

/** `CounterStore.hit` on `db`, a transaction's handle included. */
export async function hitOn(db: SqlStatements, key: string, windowSeconds: number, now: Date): Promise<Counter> {
  const { params, counterOf } = hitParams(key, windowSeconds, now);
  const [row] = await db.all<{ count: number }>(HIT, params);
  return counterOf(row?.count);
}

export function sqlCounters(db: SqlDriver): CounterStore {
  return {
    hit: (key, windowSeconds, now) => hitOn(db, key, windowSeconds, now),

    async refund(key, windowSeconds, at) {
      await db.run('UPDATE counters SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0', [
        counterKey(key, windowSeconds),
        windowStart(windowSeconds, at).toISOString(),
      ]);
    },

    async peek(key, windowSeconds, now) {
      const start = windowStart(windowSeconds, now);
      const [row] = await db.all<{ count: number }>('SELECT count FROM counters WHERE key = ? AND window_start = ?', [
        counterKey(key, windowSeconds),
        start.toISOString(),
      ]);
      return counter(Number(row?.count ?? 0), start, windowSeconds);
    },

    async sweepCounters(before) {
      const dayAgo = new Date(before.getTime() - 86_400_000);
      await db.run('DELETE FROM counters WHERE window_start < ?', [dayAgo.toISOString()]);
    },
  };
}
