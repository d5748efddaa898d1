import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteDriver } from '../../../server/store/sqlite.js';

describe('the SQLite driver: one connection shared by every request', () => {
  let dir: string;
  let db: SqliteDriver;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-driver-'));
    db = new SqliteDriver(path.join(dir, 'driver.db'));
    await db.exec('CREATE TABLE t (v TEXT)');
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a write made while another request's transaction is open when that transaction rolls back", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const rolledBack = db.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('inside')");
      await gate;
      throw new Error('the body failed');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db.run("INSERT INTO t VALUES ('outside')");
    release();
    await expect(rolledBack).rejects.toThrow('the body failed');
    expect(await outside).toBe(1);
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 'outside' }]);
  });

  it('lets the transaction body itself read and write inside its transaction, a nested transaction joining it', async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('a')");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await tx.transaction((inner) => inner.run("INSERT INTO t VALUES ('b')"));
      return tx.all<{ v: string }>('SELECT v FROM t ORDER BY v');
    });
    expect(seen).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it("rolls a nested transaction's writes back with the transaction it joined", async () => {
    const failed = db.transaction(async (tx) => {
      await tx.transaction((inner) => inner.run("INSERT INTO t VALUES ('nested')"));
      throw new Error('the outer body failed');
    });
    await expect(failed).rejects.toThrow('the outer body failed');
    expect(await db.all('SELECT v FROM t')).toEqual([]);
  });

  it("makes the driver's own statements wait while a transaction is open, and run once it commits", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const committed = db.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('inside')");
      await gate;
      order.push('commit');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db.all<{ v: string }>('SELECT v FROM t').then((rows) => {
      order.push('read');
      return rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await committed;
    expect(await outside).toEqual([{ v: 'inside' }]);
    expect(order).toEqual(['commit', 'read']);
  });

  it('keeps a write that waited for one transaction out of the next one, which rolls back', async () => {
    await db.exec("CREATE TABLE codes (code TEXT, used INTEGER); INSERT INTO codes VALUES ('backup-1', 0)");
    let consumed!: Promise<number>;
    let rolledBack!: Promise<unknown>;
    // No timers: all of it within one turn of the event loop, as concurrent requests' continuations run.
    await db.transaction(async (tx) => {
      await tx.run('SELECT 1');
      // Another request uses a backup code: it waits, a transaction is open.
      consumed = db.run("UPDATE codes SET used = 1 WHERE code = 'backup-1' AND used = 0");
      // A third begins a transaction that fails (a TOTP step already taken, say).
      rolledBack = db.transaction(async (inner) => {
        await inner.run('SELECT 1');
        throw new Error('step taken');
      });
      await tx.run('SELECT 1');
    });
    await expect(rolledBack).rejects.toThrow('step taken');
    expect(await consumed).toBe(1);
    // Run inside the failed transaction, the code would have been given back while its request was told it was used.
    expect(await db.all('SELECT used FROM codes')).toEqual([{ used: 1 }]);
  });

  it('prepares each statement once, and the cached one still answers after the table changes', async () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    try {
      for (const v of ['a', 'b', 'c']) await db.run('INSERT INTO t VALUES (?)', [v]);
      expect(await db.all('SELECT v FROM t ORDER BY v')).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
      expect(await db.all('SELECT v FROM t ORDER BY v')).toHaveLength(3);
      expect(prepare).toHaveBeenCalledTimes(2);
      await db.exec('ALTER TABLE t ADD COLUMN w TEXT');
      await db.run("UPDATE t SET w = 'x'");
      expect(await db.all('SELECT * FROM t ORDER BY v')).toEqual([
        { v: 'a', w: 'x' },
        { v: 'b', w: 'x' },
        { v: 'c', w: 'x' },
      ]);
    } finally {
      prepare.mockRestore();
    }
  });

  it('keeps a bounded number of statements: statements built from data do not grow memory', async () => {
    for (let i = 0; i < 600; i++) expect(await db.all(`SELECT ${i} AS n`)).toEqual([{ n: i }]);
    expect((db as unknown as { statements: Map<string, unknown> }).statements.size).toBeLessThanOrEqual(256);
  });

  /** Another connection to the file, as a CLI command or a second server would hold it, locked for `ms`. */
  async function lockedElsewhereFor(ms: number, during: () => Promise<unknown>) {
    const other = new Database(path.join(dir, 'driver.db'));
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const unlock = setTimeout(() => other.exec('COMMIT'), ms);
    try {
      const started = Date.now();
      const result = await during();
      return { result, waited: Date.now() - started, ticks };
    } finally {
      clearInterval(timer);
      clearTimeout(unlock);
      other.close();
    }
  }

  it("waits for another connection's write lock without stalling the event loop, then writes", async () => {
    const { result, waited, ticks } = await lockedElsewhereFor(120, () => db.run("INSERT INTO t VALUES ('after')"));
    expect(result).toBe(1);
    expect(waited).toBeGreaterThanOrEqual(100);
    // A sleep in place (busy_timeout) would have let no timer run until the lock was gone.
    expect(ticks).toBeGreaterThan(5);
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 'after' }]);
  });

  it('begins a transaction once another connection lets go of the write lock, without stalling the event loop', async () => {
    const { result, ticks } = await lockedElsewhereFor(120, () =>
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO t VALUES ('tx')");
        return tx.all<{ v: string }>('SELECT v FROM t');
      }),
    );
    expect(result).toEqual([{ v: 'tx' }]);
    expect(ticks).toBeGreaterThan(5);
  });

  it('reads while another connection holds the write lock (WAL): a reader never waits for a writer', async () => {
    await db.run("INSERT INTO t VALUES ('old')");
    const { result, waited } = await lockedElsewhereFor(2000, () => db.all('SELECT v FROM t'));
    expect(result).toEqual([{ v: 'old' }]);
    expect(waited).toBeLessThan(1000);
  });
});
