import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from '../private-files.js';
import type { SqlDriver, SqlStatements } from './driver.js';
import { checkpointInThread, type Checkpointer } from './sqlite-checkpoints.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './types.js';

/** How long a statement waits for another process's write lock before it fails. */
const BUSY_TIMEOUT_MS = 5000;
/** Writes before checkpoints move to a thread: a store that writes little (a CLI command, a test) never starts one. */
export const CHECKPOINT_THREAD_AFTER_WRITES = 1000;
const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's default: each commit that takes the WAL past this many pages checkpoints it. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * SQLite's page cache, in KiB (better-sqlite3 builds with 16,000). A commit after a b-tree page
 * split walks the whole cache (pcache1TruncateUnsafe: the split parks a page at the lock page's
 * number): with 16,000 KiB that walk was 2.3 % of the event loop's time in a TOTP verify, with 4 MiB
 * 0.6 %, and the pages no longer held are read back from the OS's cache (0.03 %). Measured with
 * perf. SQLite's sorter follows the same size: a large sort (an index built by a migration) spills
 * to a temporary file sooner.
 */
const CACHE_KIB = 4096;
/** The store's statements are fixed text, but a user update builds one per set of columns: bounded. */
const STATEMENT_CACHE_SIZE = 256;

/** The database and its -wal/-shm (left 0644 by an older version, or made now) for the owner only. */
function ownerOnly(file: string): void {
  privateFile(file);
  for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) privateFile(side);
}

/** A write asked for outside a transaction body, waiting for the next commit. */
type PendingWrite = { run: () => unknown; resolve: (result: unknown) => void; reject: (e: unknown) => void };
/** Settles a write that ran once its transaction has ended: committed, or not (and why). */
type Settle = (failed: boolean, cause?: unknown) => void;

/**
 * The next turn of the event loop, after the I/O just polled: every request whose data came in
 * together writes before the commit. Taken at load, so a test's fake timers cannot hold a commit.
 */
const nextTurn = setImmediate;

/** SQLITE_BUSY and its extended codes (a recovery under way in another process). */
const isBusy = (e: unknown) => String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY');

export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Transaction bodies queue up: an async body must not share its transaction with another request's body. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A transaction body is running: statements from outside it wait. */
  private bodyRunning = false;
  /** Writes asked for outside a transaction body, run and committed together on the next turn or with the next transaction. */
  private pending: PendingWrite[] = [];
  /** A commit of the pending writes is due on the next turn (or after a pause, while another process holds the lock). */
  private flushScheduled = false;
  /** Since when, and with what last pause, the pending writes have waited for another process's write lock. */
  private busySince: number | null = null;
  private busyPause = 1;
  /** What a transaction body runs its statements on: inside the open transaction, never queued behind it. */
  private readonly inside: SqlStatements;
  /** Compiling a statement cost more than running it: each text is prepared once (a profile of a login). */
  private readonly statements = new Map<string, Database.Statement>();
  /** Counts writes until the checkpoint thread starts (on disk only); then null. */
  private writesBeforeCheckpointThread: number | null;
  private checkpoints: Checkpointer | null = null;
  /** A transaction's own statements, prepared once: each is run on every login step. */
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint', Database.Statement>;

  constructor(private readonly file: string) {
    const onDisk = file !== ':memory:';
    // SQLite gives -wal and -shm the database file's mode: a file made 0600 first keeps all three private.
    if (onDisk) {
      privateDir(path.dirname(path.resolve(file)));
      ownerOnly(file);
    }
    this.db = new Database(file);
    // Never waits in place for another process's lock: `unlessBusy` waits off the event loop.
    this.db.pragma('busy_timeout = 0');
    this.db.pragma('journal_mode = WAL');
    if (onDisk) ownerOnly(file);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    this.writesBeforeCheckpointThread = onDisk ? CHECKPOINT_THREAD_AFTER_WRITES : null;
    this.control = {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT body'),
      release: this.db.prepare('RELEASE body'),
      rollbackToSavepoint: this.db.prepare('ROLLBACK TO body'),
    };
    this.inside = {
      kind: 'sqlite',
      all: (sql, params) => this.statement(sql, params ?? [], true),
      run: (sql, params) => this.change(sql, params ?? [], true),
      transaction: (fn) => fn(this.inside),
      exec: (sql) => this.exec(sql),
      lockForMigration: () => this.lockForMigration(),
      lock: () => this.lock(),
    };
  }

  /** After enough writes, the WAL is checkpointed from a thread, and commits on the event loop no longer do it. */
  private wrote(): void {
    if (this.writesBeforeCheckpointThread === null || --this.writesBeforeCheckpointThread > 0) return;
    this.writesBeforeCheckpointThread = null;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpoints = checkpointInThread(this.file, CHECKPOINT_EVERY_MS, () => {
      // Without the thread the WAL would grow for good: commits checkpoint it again, as SQLite does by default.
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statement(sql, params, false);
  }

  run(sql: string, params: unknown[] = []): Promise<number> {
    return this.change(sql, params, false);
  }

  /**
   * A statement not issued by the running transaction body (`inside`) waits for it to end: one
   * connection serves every request, and a statement run inside another request's transaction
   * would vanish with its rollback after its own request was answered. Callers loop on it
   * (`while (this.mustWait(inside)) await this.queue`) so that it is asked again right before the
   * statement runs: a transaction queued behind the one waited for may begin in between.
   */
  private mustWait(inside: boolean): boolean {
    return !inside && this.bodyRunning;
  }

  /** `inside`: issued by the running transaction body. */
  private async statement<T>(sql: string, params: unknown[], inside: boolean): Promise<T[]> {
    const stmt = this.prepared(sql);
    if (stmt.readonly) {
      // Checked before awaiting: most reads find no body running and run without a turn of the event loop.
      while (this.mustWait(inside)) await this.queue;
      return this.unlessBusy(() => stmt.all(...params) as T[], inside);
    }
    // A write that answers rows (RETURNING) commits like any other write.
    const run = (): T[] => {
      if (stmt.reader) return stmt.all(...params) as T[];
      stmt.run(...params);
      return [];
    };
    return inside ? run() : this.write(run);
  }

  private async change(sql: string, params: unknown[], inside: boolean): Promise<number> {
    const stmt = this.prepared(sql);
    const run = () => stmt.run(...params).changes;
    return inside ? run() : this.write(run);
  }

  /**
   * A write outside any transaction body waits for the next commit: every write asked for in one
   * turn of the event loop runs then, in the order asked, in one transaction, and each answers once
   * it is committed (what a request is answered on is in the file). The write lock is held only
   * while they run, never across a turn: another process (a CLI command, a second server, the
   * checkpoint thread) finds it free between two commits however busy this one is.
   */
  private write<R>(run: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (result: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        nextTurn(() => this.flush());
      }
    });
  }

  /** Commits the pending writes; a transaction body running (and holding the lock) takes them into its own commit. */
  private flush(): void {
    if (this.bodyRunning || this.pending.length === 0) {
      this.flushScheduled = false;
      return;
    }
    try {
      this.control.begin.run();
    } catch (e) {
      this.busySince ??= Date.now();
      if (!isBusy(e) || Date.now() - this.busySince >= BUSY_TIMEOUT_MS) this.failPending(e);
      else {
        // Another process holds the lock: try again after a pause, off the event loop, up to the busy wait.
        this.busyPause = Math.min(this.busyPause * 2, 50);
        setTimeout(() => this.flush(), this.busyPause);
      }
      return;
    }
    this.busySince = null;
    this.busyPause = 1;
    this.flushScheduled = false;
    this.commitWith(this.runPending());
  }

  /**
   * Runs the pending writes in the open transaction, in the order asked; answers how to settle each
   * once the transaction ends. A failed write fails alone (SQLite takes back that statement, a
   * constraint's say); one that ends the whole transaction fails those after it too.
   */
  private runPending(): Settle[] {
    const writes = this.pending;
    this.pending = [];
    let ended: unknown;
    return writes.map(({ run, resolve, reject }): Settle => {
      if (ended !== undefined || !this.db.inTransaction) return () => reject(ended ?? new Error('SQLite ended the transaction'));
      try {
        const result = run();
        this.wrote();
        return (failed, cause) => (failed ? reject(cause) : resolve(result));
      } catch (e) {
        if (!this.db.inTransaction) ended = e;
        return () => reject(e);
      }
    });
  }

  /**
   * COMMITs the open transaction, then settles each write: when the commit fails, or SQLite ended
   * the transaction before it (`lost`), every write in it fails.
   */
  private commitWith(settles: Settle[], lost?: { cause: unknown }): void {
    let failure = lost ?? (this.db.inTransaction ? undefined : { cause: new Error('SQLite ended the transaction') });
    if (failure === undefined) {
      try {
        this.control.commit.run();
      } catch (e) {
        failure = { cause: e };
      }
    }
    if (failure !== undefined && this.db.inTransaction) this.control.rollback.run();
    for (const settle of settles) settle(failure !== undefined, failure?.cause);
    // Writes asked for while a transaction that was lost ran: the next turn commits them.
    if (this.pending.length > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      nextTurn(() => this.flush());
    }
  }

  private failPending(cause: unknown): void {
    const writes = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    this.busySince = null;
    this.busyPause = 1;
    for (const { reject } of writes) reject(cause);
  }

  /**
   * Runs `step` now; while another process (a CLI command, a second server on the same file)
   * holds the write lock, tries again after a pause instead of sleeping in place: the
   * connection's busy_timeout is 0, so waiting for the lock never stalls the event loop.
   */
  private unlessBusy<R>(step: () => R, inside = false): R | Promise<R> {
    try {
      return step();
    } catch (e) {
      if (!isBusy(e)) throw e;
      return this.retryWhileBusy(step, Date.now() + BUSY_TIMEOUT_MS, inside);
    }
  }

  private async retryWhileBusy<R>(step: () => R, deadline: number, inside: boolean): Promise<R> {
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      // Meanwhile another request may have begun a transaction here: a statement of its own must not join it.
      while (this.mustWait(inside)) await this.queue;
      try {
        return step();
      } catch (e) {
        if (!isBusy(e) || Date.now() >= deadline) throw e;
      }
    }
  }

  /** SQLite re-prepares a cached statement by itself after a schema change (a migration). */
  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * BEGIN IMMEDIATE takes the write lock, so no statement in the body meets a busy database. The
   * writes waiting for a commit share this one: those asked for before the body run first, those
   * asked for while it runs after it, and the body itself is a savepoint between them, taken back
   * alone when it fails.
   */
  transaction<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      await this.unlessBusy(() => this.control.begin.run());
      const before = this.runPending();
      this.control.savepoint.run();
      this.bodyRunning = true;
      let outcome: { ok: true; result: T } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, result: await fn(this.inside) };
        this.control.release.run();
      } catch (e) {
        outcome = { ok: false, error: e };
        // SQLite ends the whole transaction on some failures: the writes before the body went with it.
        if (this.db.inTransaction) {
          this.control.rollbackToSavepoint.run();
          this.control.release.run();
        }
      } finally {
        this.bodyRunning = false;
      }
      const lost = this.db.inTransaction ? undefined : { cause: outcome.ok ? new Error('SQLite ended the transaction') : outcome.error };
      this.commitWith([...before, ...(lost ? [] : this.runPending())], lost);
      this.wrote();
      if (!outcome.ok) throw outcome.error;
      if (lost) throw lost.cause;
      return outcome.result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already holds the database's one write lock.
  }

  async lock(): Promise<void> {
    // Likewise: every transaction holds the one write lock from BEGIN IMMEDIATE to its end.
  }

  async close(): Promise<void> {
    // Writes already asked for are made and committed first, as each was in place before commits were shared.
    await this.queue;
    while (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.checkpoints?.stop();
    this.db.close();
  }
}

/** The embedded default store: one file, WAL mode. */
export function openSqliteStore(file: string): Store {
  return sqlStore(new SqliteDriver(file));
}
