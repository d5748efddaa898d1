import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    const rolledBack = db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('inside')");
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

  it('lets the transaction body itself read and write inside its transaction', async () => {
    const seen = await db.transaction(async () => {
      await db.run("INSERT INTO t VALUES ('a')");
      await new Promise((resolve) => setTimeout(resolve, 5));
      return db.all<{ v: string }>('SELECT v FROM t');
    });
    expect(seen).toEqual([{ v: 'a' }]);
  });
});
