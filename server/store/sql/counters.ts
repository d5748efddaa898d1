import type { SqlDriver } from '../driver.js';
import type { Counter, CounterStore } from '../ports/counters.js';

/** Windows of different lengths that start together (a minute and an hour at 10:00) are two counters. */
const counterKey = (key: string, windowSeconds: number) => `${key}@${windowSeconds}s`;

function windowStart(windowSeconds: number, now: Date): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

const distinct = (ids: string[]) => new Set(ids).size === ids.length;

const counter = (count: number, start: Date, seconds: number): Counter => ({ count, resetAt: new Date(start.getTime() + seconds * 1000) });

export function sqlCounters(db: SqlDriver): CounterStore {
  async function hit(key: string, windowSeconds: number, now: Date): Promise<Counter> {
    const start = windowStart(windowSeconds, now);
    const [row] = await db.all<{ count: number }>(
      'INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1) ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING count',
      [counterKey(key, windowSeconds), start.toISOString()],
    );
    return counter(Number(row?.count ?? 1), start, windowSeconds);
  }

  async function refund(key: string, windowSeconds: number, at: Date): Promise<void> {
    await db.run('UPDATE counters SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0', [
      counterKey(key, windowSeconds),
      windowStart(windowSeconds, at).toISOString(),
    ]);
  }

  return {
    hit,

    async hitAll(counters, now) {
      const rows = counters.map(({ key, windowSeconds }) => ({
        id: counterKey(key, windowSeconds),
        start: windowStart(windowSeconds, now),
        windowSeconds,
      }));
      // One statement may not update a row twice: the same counter twice is counted one by one.
      if (!distinct(rows.map((r) => r.id))) {
        const counts: Counter[] = [];
        for (const { key, windowSeconds } of counters) counts.push(await hit(key, windowSeconds, now));
        return counts;
      }
      const counted = await db.all<{ key: string; count: number }>(
        `INSERT INTO counters (key, window_start, count) VALUES ${rows.map(() => '(?, ?, 1)').join(', ')}
         ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING key, count`,
        rows.flatMap((r) => [r.id, r.start.toISOString()]),
      );
      const byKey = new Map(counted.map((r) => [r.key, Number(r.count)]));
      return rows.map((r) => counter(byKey.get(r.id) ?? 1, r.start, r.windowSeconds));
    },

    async refundAll(counters, at) {
      if (counters.length === 0) return;
      // The same counter twice is given back twice, one by one (one UPDATE changes a row once).
      if (!distinct(counters.map(({ key, windowSeconds }) => counterKey(key, windowSeconds)))) {
        for (const { key, windowSeconds } of counters) await refund(key, windowSeconds, at);
        return;
      }
      await db.run(
        `UPDATE counters SET count = count - 1 WHERE count > 0 AND (${counters.map(() => '(key = ? AND window_start = ?)').join(' OR ')})`,
        counters.flatMap(({ key, windowSeconds }) => [counterKey(key, windowSeconds), windowStart(windowSeconds, at).toISOString()]),
      );
    },

    refund,

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
