import { describe, expect, it } from 'vitest';
import type { SqlStatements } from '../../../server/store/driver.js';
import { chunkedInsert, valuesOf } from '../../../server/store/sql/chunked-insert.js';

/**
 * Statements that answer only when `release` is called (those with `failing` rows at once, with
 * an error): what was asked for before any answer shows.
 */
function heldStatements(kind: SqlStatements['kind'], failing?: number) {
  const asked: { sql: string; params: unknown[] }[] = [];
  const waiting: (() => void)[] = [];
  const db = {
    kind,
    run: (sql: string, params: unknown[] = []) => {
      asked.push({ sql, params });
      if (params.length === failing) return Promise.reject(new Error('disk full'));
      return new Promise<number>((resolve) => waiting.push(() => resolve(params.length)));
    },
  } as unknown as SqlStatements;
  const release = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { db, asked, release };
}

const insert = chunkedInsert<number>(
  (rows) => `INSERT INTO t (v) VALUES ${valuesOf(rows, 1)}`,
  (v) => [v],
);
const turn = () => new Promise((resolve) => setImmediate(resolve));
const settledYet = (p: Promise<unknown>) => {
  const state = { settled: false };
  p.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
};

describe('a chunked insert', () => {
  const items = Array.from({ length: 85 }, (_, i) => i);

  it('asks SQLite for every statement of a batch at once (they share one commit), each item once, in order', async () => {
    const { db, asked, release } = heldStatements('sqlite');
    const done = insert(db, items);
    const state = settledYet(done);
    await turn();
    // 85 = 64 + 16 + 4 + 1, all asked for before the first answered.
    expect(asked.map((s) => s.params.length)).toEqual([64, 16, 4, 1]);
    expect(asked.flatMap((s) => s.params)).toEqual(items);
    expect(asked[0]!.sql).toBe(`INSERT INTO t (v) VALUES ${valuesOf(64, 1)}`);
    expect(state.settled).toBe(false);
    release();
    await done;
  });

  it('asks Postgres for one statement after another: a batch holds one pooled connection at a time', async () => {
    const { db, asked, release } = heldStatements('postgres');
    const done = insert(db, items);
    await turn();
    expect(asked.map((s) => s.params.length)).toEqual([64]);
    for (const more of [16, 4, 1]) {
      release();
      await turn();
      expect(asked.at(-1)!.params.length).toBe(more);
    }
    release();
    await done;
    expect(asked.flatMap((s) => s.params)).toEqual(items);
  });

  it('fails when one of its statements fails, once the others have ended: no row is still arriving after', async () => {
    const { db, release } = heldStatements('sqlite', 4);
    const done = insert(db, items);
    const state = settledYet(done);
    await turn();
    await turn();
    expect(state.settled).toBe(false);
    release();
    await expect(done).rejects.toThrow('disk full');
  });

  it('asks for nothing for an empty batch', async () => {
    for (const kind of ['sqlite', 'postgres'] as const) {
      const { db, asked } = heldStatements(kind);
      await insert(db, []);
      expect(asked).toEqual([]);
    }
  });
});
