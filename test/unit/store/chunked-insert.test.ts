import { describe, expect, it } from 'vitest';
import type { SqlStatements } from '../../../server/store/driver.js';
import { chunkedInsert, valuesOf } from '../../../server/store/sql/chunked-insert.js';

/** Statements that answer only when `release` is called: what was asked for before any answer shows. */
function heldStatements() {
  const asked: { sql: string; params: unknown[] }[] = [];
  const waiting: (() => void)[] = [];
  const db = {
    kind: 'sqlite',
    run: (sql: string, params: unknown[] = []) => {
      asked.push({ sql, params });
      return new Promise<number>((resolve) => waiting.push(() => resolve(1)));
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

describe('a chunked insert', () => {
  it('asks for every statement of a batch at once (on SQLite they share one commit), each item once, in order', async () => {
    const { db, asked, release } = heldStatements();
    const items = Array.from({ length: 85 }, (_, i) => i);
    const done = insert(db, items);
    await new Promise((resolve) => setImmediate(resolve));
    // 85 = 64 + 16 + 4 + 1, all asked for before the first answered.
    expect(asked.map((s) => s.params.length)).toEqual([64, 16, 4, 1]);
    expect(asked.flatMap((s) => s.params)).toEqual(items);
    expect(asked[0]!.sql).toBe(`INSERT INTO t (v) VALUES ${valuesOf(64, 1)}`);
    let settled = false;
    void done.then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await done;
  });

  it('fails when one of its statements fails', async () => {
    const db = {
      kind: 'sqlite',
      run: (_sql: string, params: unknown[] = []) => (params.length === 4 ? Promise.reject(new Error('disk full')) : Promise.resolve(params.length)),
    } as unknown as SqlStatements;
    await expect(
      insert(
        db,
        Array.from({ length: 21 }, (_, i) => i),
      ),
    ).rejects.toThrow('disk full');
  });

  it('asks for nothing for an empty batch', async () => {
    const { db, asked } = heldStatements();
    await insert(db, []);
    expect(asked).toEqual([]);
  });
});
