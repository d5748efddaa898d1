import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../server/store/sqlite.js';

/**
 * Writes outside a transaction, from requests handled in the same turn of the event loop, share
 * one commit; each is answered only once that commit is done. Read here from a second connection,
 * which sees only what was committed.
 */
describe('the SQLite driver: one commit for the writes of one turn', () => {
  let dir: string;
  let file: string;
  let db: SqliteDriver;
  let other: Database.Database;
  const committed = () => (other.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v);
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-group-commit-'));
    file = path.join(dir, 'driver.db');
    db = new SqliteDriver(file);
    await db.exec('CREATE TABLE t (v TEXT UNIQUE)');
    other = new Database(file, { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each write of a turn once all of them are committed, and not before', async () => {
    const writes = ['a', 'b', 'c'].map((v) => db.run('INSERT INTO t VALUES (?)', [v]));
    const seenAtFirstAnswer = writes[0]!.then(committed);
    expect(committed()).toEqual([]);
    expect(await Promise.all(writes)).toEqual([1, 1, 1]);
    expect(await seenAtFirstAnswer).toEqual(['a', 'b', 'c']);
  });

  it('answers the rows of a write that returns some (RETURNING) once committed', async () => {
    const returned = db.all<{ v: string }>("INSERT INTO t VALUES ('r') RETURNING v");
    expect(committed()).toEqual([]);
    expect(await returned).toEqual([{ v: 'r' }]);
    expect(committed()).toEqual(['r']);
  });

  it('fails a write refused by a constraint alone: the others in its commit last', async () => {
    const first = db.run("INSERT INTO t VALUES ('a')");
    const twice = db.run("INSERT INTO t VALUES ('a')");
    const third = db.run("INSERT INTO t VALUES ('b')");
    await expect(twice).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect([await first, await third]).toEqual([1, 1]);
    expect(committed()).toEqual(['a', 'b']);
  });

  it("takes back a failed transaction's own writes alone, in a commit it shares with other writes", async () => {
    const before = db.run("INSERT INTO t VALUES ('before')");
    const failed = db.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('inside')");
      throw new Error('the body failed');
    });
    const after = db.run("INSERT INTO t VALUES ('after')");
    await expect(failed).rejects.toThrow('the body failed');
    expect([await before, await after]).toEqual([1, 1]);
    expect(committed()).toEqual(['after', 'before']);
  });

  it('answers a transaction once committed, a body that spans turns included; a write asked for meanwhile commits next', async () => {
    let meanwhile!: Promise<number>;
    const done = db.transaction(async (tx) => {
      await tx.run("INSERT INTO t VALUES ('x')");
      // Another request's write: it waits for the body, and goes in the next commit.
      meanwhile = db.run("INSERT INTO t VALUES ('z')");
      await new Promise((resolve) => setTimeout(resolve, 10));
      await tx.run("INSERT INTO t VALUES ('y')");
      return 'done';
    });
    expect(committed()).toEqual([]);
    expect(await done).toBe('done');
    expect(committed()).toEqual(['x', 'y']);
    expect(await meanwhile).toBe(1);
    expect(committed()).toEqual(['x', 'y', 'z']);
  });

  it('commits what is still waiting when the store closes', async () => {
    const write = db.run("INSERT INTO t VALUES ('last')");
    await db.close();
    expect(await write).toBe(1);
    expect(committed()).toEqual(['last']);
    db = new SqliteDriver(file);
  });

  it('closes once a write held up by another connection’s write lock is committed', async () => {
    const locker = new Database(file);
    locker.exec('BEGIN IMMEDIATE');
    const write = db.run("INSERT INTO t VALUES ('after the lock')");
    let closed = false;
    const closing = db.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    locker.exec('COMMIT');
    locker.close();
    await closing;
    expect(await write).toBe(1);
    expect(committed()).toEqual(['after the lock']);
    db = new SqliteDriver(file);
  });
});

describe('the SQLite driver: another process writes while this one writes without pause', () => {
  it('lets every one of its writes through, each within the wait for a busy database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-group-commit-'));
    const file = path.join(dir, 'driver.db');
    const db = new SqliteDriver(file);
    await db.exec('CREATE TABLE t (v TEXT)');
    const elsewhere = new SqliteDriver(file);
    let busy = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (busy) await db.run("INSERT INTO t VALUES ('load')");
      }),
    );
    try {
      // Each would fail with SQLITE_BUSY after 5 s if this process held the write lock from one turn to the next.
      for (let i = 0; i < 10; i++) expect(await elsewhere.run("INSERT INTO t VALUES ('elsewhere')")).toBe(1);
      expect(await elsewhere.all("SELECT count(*) AS n FROM t WHERE v = 'elsewhere'")).toEqual([{ n: 10 }]);
    } finally {
      busy = false;
      await load;
      await elsewhere.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
