import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../server/store/sqlite.js';
import { checkpointInThread } from '../../../server/store/sqlite-checkpoints.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite checkpoints in a thread', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const driverIn = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'db.sqlite');
    return { file, db: new SqliteDriver(file) };
  };
  const write = async (db: SqliteDriver, n: number) => {
    for (let i = 0; i < n; i++) await db.run('INSERT INTO t (b) VALUES (?)', ['x'.repeat(500)]);
  };

  it('after enough writes copies the WAL into the database from a thread, not in a commit', async () => {
    const { file, db } = driverIn();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT)');
    // Past the write count that starts the thread; commits no longer checkpoint from here on.
    await write(db, 1000);
    const before = statSync(file).size;
    // More than SQLite's 1,000-page threshold: a commit on the event loop would have copied them by now.
    await write(db, 12_000);
    expect(statSync(file).size).toBe(before);
    await pause(2500);
    expect(statSync(file).size).toBeGreaterThan(before + 2 ** 20);
    await db.close();
  });

  it('a store that writes little checkpoints as SQLite does, and closes without waiting on a thread', async () => {
    const { file, db } = driverIn();
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT)');
    await write(db, 900);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('under writes that never stop, starts the WAL over instead of letting it grow for good', async () => {
    const { file, db } = driverIn();
    await db.close();
    // A connection that leaves checkpoints to the thread, as the driver's does once it has started one.
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT)');
    const insert = writer.prepare('INSERT INTO t (b) VALUES (?)');
    const frame = 4096 + 24;
    const restartAtPages = 64;
    const checkpoints = checkpointInThread(file, 50, () => {}, restartAtPages);
    let largest = 0;
    let commits = 0;
    // Commits with no pause long enough for a PASSIVE pass to catch up: about 2 s of them.
    const end = Date.now() + 2000;
    while (Date.now() < end) {
      for (let i = 0; i < 20; i++, commits++) insert.run('x'.repeat(500));
      largest = Math.max(largest, statSync(`${file}-wal`).size);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await checkpoints.stop();
    writer.close();
    // Each commit adds a frame or more: never started over, the WAL would hold them all.
    expect(commits * frame).toBeGreaterThan(20 * restartAtPages * frame);
    expect(largest).toBeLessThan((commits * frame) / 4);
  });
});
