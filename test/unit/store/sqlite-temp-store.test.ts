import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteDriver } from '../../../server/store/sqlite.js';
import { sqlStore } from '../../../server/store/sql-store.js';

/** SQLite's temporary files are unlinked as soon as they are opened: only the process's open files show them. */
const openTempFiles = () =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return /etilqs_/.test(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return false;
    }
  }).length;

/** ~1 KiB a row: 400 rows change ~100 pages, past the 64 KiB SQLite keeps in memory before a temporary file. */
const PAGES_WORTH = 400;

describe('SQLite temporary storage: page copies kept in memory, migrations on disk', () => {
  let dir: string;
  let db: SqliteDriver;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-temp-store-'));
    db = new SqliteDriver(path.join(dir, 'temp.db'));
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    await db.transaction(async (tx) => {
      for (let i = 0; i < PAGES_WORTH; i++) await tx.run('INSERT INTO t (id, v) VALUES (?, ?)', [i, 'a'.repeat(1000)]);
    });
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tempStore = async () => (await db.all<{ temp_store: number }>('PRAGMA temp_store'))[0]!.temp_store;

  it('opens no temporary file for a transaction body that changes more pages than SQLite holds in memory', async () => {
    const seen = await db.transaction(async (tx) => {
      await tx.run("UPDATE t SET v = replace(v, 'a', 'b')");
      return openTempFiles();
    });
    expect(seen).toBe(0);
    expect(await db.all('SELECT count(*) AS n FROM t WHERE v LIKE ?', ['b%'])).toEqual([{ n: PAGES_WORTH }]);
  });

  it('rolls such a body back from the copies in memory', async () => {
    const failed = db.transaction(async (tx) => {
      await tx.run("UPDATE t SET v = replace(v, 'a', 'c')");
      throw new Error('the body failed');
    });
    await expect(failed).rejects.toThrow('the body failed');
    expect(await db.all('SELECT count(*) AS n FROM t WHERE v LIKE ?', ['a%'])).toEqual([{ n: PAGES_WORTH }]);
  });

  it('runs migrations with temporary files (a large rewrite must not be held in memory) and keeps them in memory after', async () => {
    expect(await tempStore()).toBe(2);
    const during = await db.forMigrations(async () => {
      const spilled = await db.transaction(async (tx) => {
        await tx.run("UPDATE t SET v = replace(v, 'a', 'd')");
        return openTempFiles();
      });
      return { setting: await tempStore(), spilled };
    });
    // 1: FILE, 2: MEMORY (SQLite's numbers).
    expect(during).toEqual({ setting: 1, spilled: 1 });
    expect(await tempStore()).toBe(2);
  });

  it('goes back to memory after a migration that failed', async () => {
    await expect(db.forMigrations(() => Promise.reject(new Error('a migration failed')))).rejects.toThrow('a migration failed');
    expect(await tempStore()).toBe(2);
  });

  it('goes back to memory only once the last of overlapping migrations has ended', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = db.forMigrations(() => gate);
    await db.forMigrations(async () => undefined);
    expect(await tempStore()).toBe(1);
    release();
    await first;
    expect(await tempStore()).toBe(2);
  });

  it("is how the store migrates: its migrations' transaction on disk, the store in memory after", async () => {
    const store = sqlStore(db);
    const seen: number[] = [];
    const transaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation((fn) =>
      transaction(async (tx) => {
        seen.push((await tx.all<{ temp_store: number }>('PRAGMA temp_store'))[0]!.temp_store);
        return fn(tx);
      }),
    );
    await store.migrate();
    expect(seen).toEqual([1]);
    expect(await tempStore()).toBe(2);
  });
});
