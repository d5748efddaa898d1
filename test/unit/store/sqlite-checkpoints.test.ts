import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_THREAD_AFTER_WRITES, SqliteDriver } from '../../../server/store/sqlite.js';
import { checkpointInThread } from '../../../server/store/sqlite-checkpoints.js';

const run = promisify(execFile);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite checkpoints in a thread', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const fileIn = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-ckpt-'));
    dirs.push(dir);
    return path.join(dir, 'db.sqlite');
  };
  const driverIn = () => {
    const file = fileIn();
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

  /**
   * Runs `body` in a process of its own, after a store on `file` has written enough to start its
   * checkpoint thread and the thread is running (a failed one turns SQLite's own checkpoints back
   * on: then `wal_autocheckpoint` would not read 0). From a file: a script given with `-e` and
   * `--input-type=module` hands that flag to the thread, which then cannot run.
   */
  const inProcess = async (file: string, body: string) => {
    const driver = new URL('../../../server/store/sqlite.ts', import.meta.url).href;
    const script = path.join(path.dirname(file), 'script.mjs');
    writeFileSync(
      script,
      `import { SqliteDriver } from ${JSON.stringify(driver)};
      const db = new SqliteDriver(${JSON.stringify(file)});
      await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT)');
      for (let i = 0; i < ${CHECKPOINT_THREAD_AFTER_WRITES + 100}; i++) await db.run('INSERT INTO t (b) VALUES (?)', ['x']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [{ wal_autocheckpoint }] = await db.all('PRAGMA wal_autocheckpoint');
      console.log(wal_autocheckpoint === 0 ? 'thread running' : 'no thread');
      ${body}`,
    );
    // From the package's folder, where `--import tsx` is found; a hang fails here, before the test's own timeout.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      timeout: 10_000,
    });
    return stdout.trim().split('\n');
  };

  it('a store closed in a process with nothing else to do closes all the way before the process ends', async () => {
    const file = fileIn();
    expect(await inProcess(file, `await db.close(); console.log('closed');`)).toEqual(['thread running', 'closed']);
    // The last connection's close checkpoints the WAL and removes it.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a store left open does not keep a process alive once its checkpoint thread runs', async () => {
    const file = fileIn();
    // Neither the thread nor its word that the lock is free (a listener on its port) may hold the process.
    expect(await inProcess(file, `console.log('left open');`)).toEqual(['thread running', 'left open']);
  });

  /** A connection that leaves checkpoints to the thread, as the driver's does once it has started one. */
  const writerOn = (file: string) => {
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('synchronous = NORMAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b TEXT)');
    return { writer, insert: writer.prepare('INSERT INTO t (b) VALUES (?)') };
  };
  const walBytes = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  /** Twenty commits of a row each, in a row: no pause for a PASSIVE pass to catch up in. */
  const commitTwenty = (insert: Database.Statement) => {
    for (let i = 0; i < 20; i++) insert.run('x'.repeat(500));
  };
  /** A turn of the event loop between bursts of commits: for the thread's word, and the test's clock. */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  /** How many times the WAL has started over: its header's checkpoint sequence number (offset 12, big-endian). */
  const walRestarts = (file: string) => {
    if (!existsSync(`${file}-wal`)) return 0;
    const header = Buffer.alloc(32);
    const fd = openSync(`${file}-wal`, 'r');
    try {
      return readSync(fd, header, 0, 32, 0) === 32 ? header.readUInt32BE(12) : 0;
    } finally {
      closeSync(fd);
    }
  };

  it('under writes that never stop, starts the WAL over instead of letting it grow for good', async () => {
    const file = fileIn();
    const { writer, insert } = writerOn(file);
    const checkpoints = checkpointInThread(file, 50, () => {}, { restartAtPages: 64, truncateAboveBytes: 2 ** 40 });
    // Commits with no pause long enough for a PASSIVE pass to catch up, for two seconds; the
    // restarts in the second count (the thread's first turns may come late).
    let commits = 0;
    let atHalf: number | null = null;
    const start = Date.now();
    while (Date.now() < start + 2000) {
      if (Date.now() >= start + 1000) atHalf ??= walRestarts(file);
      commitTwenty(insert);
      commits += 20;
      await nextTurn();
    }
    const restarts = walRestarts(file) - (atHalf ?? 0);
    await checkpoints.stop();
    const [{ log: frames }] = writer.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
    writer.close();
    // A turn of the thread every 50 ms: ~18 restarts a second here, none at all with PASSIVE passes alone.
    expect(restarts).toBeGreaterThanOrEqual(3);
    // Each commit adds a frame or more: never started over, the WAL would hold them all.
    expect(frames).toBeLessThan(commits / 2);
  });

  it('says when it has let go of the write lock after a RESTART: a commit can be made then without waiting', async () => {
    const file = fileIn();
    const { writer, insert } = writerOn(file);
    // As the driver's connection: a lock met is an error at once, not a wait.
    writer.pragma('busy_timeout = 0');
    // A turn every 200 ms: the next RESTART is far off when the word comes.
    const checkpoints = checkpointInThread(file, 200, () => {}, { restartAtPages: 64, truncateAboveBytes: 2 ** 40 });
    const before = walRestarts(file);
    let outcome: 'committed' | Error | null = null;
    const onWord = () => {
      try {
        insert.run('x');
      } catch (e) {
        outcome = e as Error;
        return;
      }
      // A RESTART that could not have the lock in its wait gives up (busy) and still says so, rightly:
      // the lock is free. Only a word after a RESTART that started the WAL over is the one to judge.
      if (walRestarts(file) > before) outcome = 'committed';
      else checkpoints.onUnlocked(onWord);
    };
    checkpoints.onUnlocked(onWord);
    const deadline = Date.now() + 5000;
    while (outcome === null && Date.now() < deadline) {
      try {
        commitTwenty(insert);
      } catch (e) {
        // The RESTART holds the lock: this connection does not wait for it.
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      }
      await nextTurn();
    }
    await checkpoints.stop();
    expect(outcome).toBe('committed');
    writer.close();
  });

  /** This process's POSIX read locks on `file` (Linux's /proc/locks): WAL mode holds one for as long as a connection is open. */
  const readLocksOn = (file: string) =>
    readFileSync('/proc/locks', 'utf8')
      .split('\n')
      .filter((line) => line.includes(' READ ') && line.includes(` ${process.pid} `) && line.includes(`:${statSync(file).ino} `));

  it.runIf(process.platform === 'linux')('keeps every lock this process holds on the database while it syncs it before its RESTARTs', async () => {
    const file = fileIn();
    const { writer, insert } = writerOn(file);
    insert.run('x');
    // The lock that tells another process it is not the last connection (and must not delete the WAL on its way out).
    expect(readLocksOn(file)).toHaveLength(1);
    const checkpoints = checkpointInThread(file, 50, () => {}, { restartAtPages: 64, truncateAboveBytes: 2 ** 40 });
    const before = walRestarts(file);
    const deadline = Date.now() + 5000;
    while (walRestarts(file) < before + 3 && Date.now() < deadline) {
      commitTwenty(insert);
      await nextTurn();
    }
    expect(walRestarts(file)).toBeGreaterThanOrEqual(before + 3);
    // A descriptor of the database opened and closed to sync it would have dropped it.
    expect(readLocksOn(file)).toHaveLength(1);
    await checkpoints.stop();
    writer.close();
  });

  it('cuts a WAL file left long by a burst once the burst is over, in the thread', async () => {
    const file = fileIn();
    const { writer, insert } = writerOn(file);
    const checkpoints = checkpointInThread(file, 50, () => {}, { restartAtPages: 2 ** 30, truncateAboveBytes: 2 ** 20 });
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    expect(walBytes(file)).toBeGreaterThan(2 ** 20);
    const deadline = Date.now() + 5000;
    while (walBytes(file) > 0 && Date.now() < deadline) await pause(50);
    expect(walBytes(file)).toBe(0);
    // Still the database it was: the cut came after every frame was copied.
    expect(writer.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2000 });
    await checkpoints.stop();
    writer.close();
  });

  it('leaves a reader that keeps RESTART from finishing alone for a while, so commits are not held up each turn', async () => {
    const file = fileIn();
    const { writer, insert } = writerOn(file);
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    // Another process's long read (a CLI export): its snapshot keeps the WAL's frames in use.
    const reader = new Database(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    const checkpoints = checkpointInThread(file, 50, () => {}, { restartAtPages: 64, truncateAboveBytes: 2 ** 40 });
    // Each RESTART that waits out the reader holds the write lock for its whole wait (100 ms): tried
    // every 50 ms turn, commits would be refused nearly all the time.
    let refusedMs = 0;
    const start = Date.now();
    while (Date.now() < start + 2500) {
      const t = Date.now();
      try {
        insert.run('x'.repeat(500));
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
        await pause(5);
        refusedMs += Date.now() - t;
        continue;
      }
      await nextTurn();
    }
    await checkpoints.stop();
    reader.exec('COMMIT');
    reader.close();
    writer.close();
    expect(refusedMs).toBeLessThan(1250);
  });
});
