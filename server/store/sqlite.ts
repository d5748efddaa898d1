import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { privateDir, privateFile } from '../private-files.js';
import type { SqlDriver, SqlStatements } from './driver.js';
import { checkpointInThread, type Checkpointer } from './sqlite-checkpoints.js';
import { type BusyWait, GroupCommits, unlessBusy } from './sqlite-commits.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './types.js';

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
/**
 * Where SQLite keeps what a savepoint (every transaction body) or a statement that may be undone
 * alone copies of each page before changing it: in memory up to 64 KiB, then in a temporary file.
 * On disk, a busy commit spilled to a new file every few commits, and a TOTP verify wrote ~3.6
 * pages (with their numbers, ~7 system calls) to such files (strace, 2,000 verifies). In memory
 * they cost no system call. A migration that rewrites a large table, or sorts one for an index,
 * would hold all of it there: migrations run with the files (`forMigrations`).
 */
const TEMP_STORE = { usual: 'MEMORY', migrations: 'FILE' } as const;
/** The store's statements are fixed text, but a user update builds one per set of columns: bounded. */
const STATEMENT_CACHE_SIZE = 256;

/** Makes a row object from a reader's array of values, for a statement of `columns` columns. */
type RowMaker = { columns: number; make: (values: unknown[]) => Record<string, unknown> };

/**
 * A function returning an object literal of the statement's columns: every row takes one shape
 * from the start, with no property added one at a time. The names are the SQLite column names of
 * the store's own statements, written into the code as JSON strings; a name given twice (a join)
 * keeps the last column, as the driver's objects did. A process that forbids code from strings
 * (--disallow-code-generation-from-strings) gets the same rows, built a column at a time.
 */
function rowMaker(names: string[]): RowMaker {
  const oneByOne = { columns: names.length, make: (values: unknown[]) => Object.fromEntries(names.map((name, i) => [name, values[i]])) };
  // In a literal, "__proto__" would set the prototype, not a column.
  if (names.includes('__proto__')) return oneByOne;
  const fields = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  try {
    return { columns: names.length, make: new Function('values', `return { ${fields} };`) as RowMaker['make'] };
  } catch (e) {
    if (e instanceof EvalError) return oneByOne;
    throw e;
  }
}

/** The database and its -wal/-shm (left 0644 by an older version, or made now) for the owner only. */
function ownerOnly(file: string): void {
  privateFile(file);
  for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) privateFile(side);
}

export class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Writes and transactions, run together in a commit on the next turn. */
  private readonly commits: GroupCommits;
  /** What a transaction body runs its statements on: inside the open transaction, never queued behind it. */
  private readonly inside: SqlStatements;
  /** Compiling a statement cost more than running it: each text is prepared once (a profile of a login). */
  private readonly statements = new Map<string, Database.Statement>();
  /** Each reader's row maker, for the rows it answers as arrays (`rowsOf`). */
  private rowMakers = new WeakMap<Database.Statement, RowMaker>();
  /** Counts writes until the checkpoint thread starts (on disk only); then null. */
  private writesBeforeCheckpointThread: number | null;
  private checkpoints: Checkpointer | null = null;
  /** `forMigrations` calls under way. */
  private migrating = 0;

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
    this.db.pragma(`temp_store = ${TEMP_STORE.usual}`);
    this.writesBeforeCheckpointThread = onDisk ? CHECKPOINT_THREAD_AFTER_WRITES : null;
    this.inside = {
      kind: 'sqlite',
      all: (sql, params) => this.statement(sql, params ?? [], true),
      run: (sql, params) => this.change(sql, params ?? [], true),
      transaction: (fn) => fn(this.inside),
      exec: (sql) => this.exec(sql),
      lockForMigration: () => this.lockForMigration(),
      lock: () => this.lock(),
    };
    this.commits = new GroupCommits(this.db, this.inside, () => this.wrote(), this.onUnlocked);
  }

  /** The checkpoint thread's word that it let go of the write lock; none before it starts. */
  private readonly onUnlocked = (wake: () => void) => this.checkpoints?.onUnlocked(wake);

  /** What a read that met the lock waits on, made once: reads run on every login step. */
  private readonly readWaits: Record<'inside' | 'outside', BusyWait> = {
    inside: { beforeRetry: () => this.bodyEnded(true), onUnlocked: this.onUnlocked },
    outside: { beforeRetry: () => this.bodyEnded(false), onUnlocked: this.onUnlocked },
  };

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
   * would vanish with its rollback after its own request was answered. `bodyEnded` loops on it, so
   * that it is asked again right before the statement runs.
   */
  private mustWait(inside: boolean): boolean {
    return !inside && this.commits.bodyRunning;
  }

  /** `inside`: issued by the running transaction body. */
  private async statement<T>(sql: string, params: unknown[], inside: boolean): Promise<T[]> {
    const stmt = this.prepared(sql);
    if (stmt.readonly) {
      // Checked before awaiting: most reads find no body running and run without a turn of the event loop.
      if (this.mustWait(inside)) await this.bodyEnded(inside);
      return unlessBusy(() => this.rowsOf<T>(stmt, params), this.readWaits[inside ? 'inside' : 'outside']);
    }
    // A write that answers rows (RETURNING) commits like any other write.
    const run = (): T[] => {
      if (stmt.reader) return this.rowsOf<T>(stmt, params);
      stmt.run(...params);
      return [];
    };
    return inside ? run() : this.commits.write(run);
  }

  private async change(sql: string, params: unknown[], inside: boolean): Promise<number> {
    const stmt = this.prepared(sql);
    const run = () => stmt.run(...params).changes;
    return inside ? run() : this.commits.write(run);
  }

  /** Meanwhile another request may have begun a transaction body here: a statement of its own must not join it. */
  private async bodyEnded(inside: boolean): Promise<void> {
    while (this.mustWait(inside)) await this.commits.settled;
  }

  /**
   * A reader's rows, as objects named by its columns: the driver answers arrays, made into objects
   * by the statement's `rowMaker`. Its own objects set each column through V8's API, a runtime call
   * a column: a flow's row read that way took 8.4 µs against 6.0 µs now (measured alone).
   */
  private rowsOf<T>(stmt: Database.Statement, params: unknown[]): T[] {
    const arrays = stmt.all(...params) as unknown[][];
    if (arrays.length === 0) return [];
    let maker = this.rowMakers.get(stmt);
    // A `SELECT *` gains a column when a migration adds one; a statement prepared before still answers its old set.
    if (maker?.columns !== arrays[0]!.length) {
      maker = rowMaker(stmt.columns().map((c) => c.name));
      this.rowMakers.set(stmt, maker);
    }
    const { make } = maker;
    const rows = new Array<T>(arrays.length);
    for (let r = 0; r < arrays.length; r++) rows[r] = make(arrays[r]!) as T;
    return rows;
  }

  /** SQLite re-prepares a cached statement by itself after a schema change (a migration). */
  private prepared(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (stmt.reader) stmt.raw(true);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  transaction<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T> {
    return this.commits.transaction(fn);
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
    // A migration may rename a column: the names are read again from the statements.
    this.rowMakers = new WeakMap();
  }

  /**
   * SQLite reads the setting as each transaction begins: the migrations' own transaction begins
   * after this. Back to the usual once the last of overlapping calls has ended.
   */
  async forMigrations<T>(run: () => Promise<T>): Promise<T> {
    if (this.migrating++ === 0) this.db.pragma(`temp_store = ${TEMP_STORE.migrations}`);
    try {
      return await run();
    } finally {
      if (--this.migrating === 0) this.db.pragma(`temp_store = ${TEMP_STORE.usual}`);
    }
  }

  async lockForMigration(): Promise<void> {
    // BEGIN IMMEDIATE already holds the database's one write lock.
  }

  async lock(): Promise<void> {
    // Likewise: every transaction holds the one write lock from BEGIN IMMEDIATE to its end.
  }

  async close(): Promise<void> {
    // Writes already asked for are made and committed first, as each was in place before commits were shared.
    await this.commits.drain();
    await this.checkpoints?.stop();
    this.db.close();
  }
}

/** The embedded default store: one file, WAL mode. */
export function openSqliteStore(file: string): Store {
  return sqlStore(new SqliteDriver(file));
}
