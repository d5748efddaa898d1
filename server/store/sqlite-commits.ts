import type Database from 'better-sqlite3';
import type { SqlStatements } from './driver.js';

/** How long a statement waits for another process's write lock before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/** SQLITE_BUSY and its extended codes (a recovery under way in another process). */
const isBusy = (e: unknown) => String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY');

/** What a try that met the lock waits on before the next. */
export interface BusyWait {
  /** Awaited before each new try. */
  beforeRetry?: () => Promise<void>;
  /**
   * Calls `wake` when the lock this connection met may be free (our own checkpoint thread let go
   * of it): the next try is made then, not after its pause. Answers how to take `wake` back.
   */
  onUnlocked?: (wake: () => void) => (() => void) | undefined;
}

/**
 * Runs `step` now; while another connection (a CLI command, a second server on the same file, the
 * checkpoint thread) holds the write lock, tries again after a pause, or as soon as `onUnlocked`
 * says, instead of sleeping in place: the connection's busy_timeout is 0, so waiting for the lock
 * never stalls the event loop.
 */
export function unlessBusy<R>(step: () => R, wait: BusyWait = {}): R | Promise<R> {
  try {
    return step();
  } catch (e) {
    if (!isBusy(e)) throw e;
    return retryWhileBusy(step, Date.now() + BUSY_TIMEOUT_MS, wait);
  }
}

/** `ms` from now, or sooner when `onUnlocked` wakes it; either way nothing of it is left behind. */
function pause(ms: number, onUnlocked: BusyWait['onUnlocked']): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      forget?.();
      resolve();
    }, ms);
    const forget = onUnlocked?.(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function retryWhileBusy<R>(step: () => R, deadline: number, { beforeRetry, onUnlocked }: BusyWait): Promise<R> {
  for (let ms = 2; ; ms = Math.min(ms * 2, 50)) {
    await pause(ms, onUnlocked);
    await beforeRetry?.();
    try {
      return step();
    } catch (e) {
      if (!isBusy(e) || Date.now() >= deadline) throw e;
    }
  }
}

/** A write asked for outside a transaction body, or a transaction (`body`), waiting for the next commit. */
type Pending = { body: boolean; run: () => unknown; resolve: (result: unknown) => void; reject: (e: unknown) => void };
/** Settles an entry that ran once its transaction has ended: committed, or not (and why). */
type Settle = (failed: boolean, cause?: unknown) => void;

/** Settles an entry that ran well: with its result once committed, else with why the commit failed. */
const settleWith =
  (entry: Pending, result: unknown): Settle =>
  (failed, cause) =>
    failed ? entry.reject(cause) : entry.resolve(result);

/**
 * The next turn of the event loop, after the I/O just polled: every request whose data came in
 * together writes before the commit. Taken at load, so a test's fake timers cannot hold a commit.
 */
const nextTurn = setImmediate;

/**
 * The SQLite connection's writes, committed in groups: each commit writes its pages to the WAL
 * and takes the file's locks, and one for every write was most of a login step's SQLite time.
 */
export class GroupCommits {
  /** A transaction body is running: statements from outside it wait for `settled`. */
  bodyRunning = false;
  /** The commit under way while a transaction body in it awaits its statements; null between commits. */
  private flushing: Promise<void> | null = null;
  /** Writes and transactions asked for since the last commit began, in order: the next commit runs them. */
  private pending: Pending[] = [];
  /** A commit of the pending entries is due on the next turn (or after a pause, while another process holds the lock). */
  private flushScheduled = false;
  /** `drain` calls waiting for the end of a commit. */
  private drainers: (() => void)[] = [];
  /** A commit's own statements, prepared once: each runs on every login step. */
  private readonly control: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackToSavepoint', Database.Statement>;
  /** What a BEGIN that met the lock waits on, made once: one begins every commit. */
  private readonly beginWait: BusyWait;

  /**
   * `inside`: what a transaction body runs its statements on; `wrote`: called for each write made;
   * `onUnlocked`: see `BusyWait`.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly inside: SqlStatements,
    private readonly wrote: () => void,
    onUnlocked?: BusyWait['onUnlocked'],
  ) {
    this.beginWait = { onUnlocked };
    this.control = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT body'),
      release: db.prepare('RELEASE body'),
      rollbackToSavepoint: db.prepare('ROLLBACK TO body'),
    };
  }

  /** Resolves once the commit under way (and the body running in it) has ended. */
  get settled(): Promise<void> | null {
    return this.flushing;
  }

  /** Resolves once everything asked for so far is committed or failed. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) await new Promise<void>((resolve) => this.drainers.push(resolve));
  }

  /** A commit ended (or failed to begin): whoever drains looks again. */
  private ended(): void {
    const drainers = this.drainers;
    this.drainers = [];
    for (const resolve of drainers) resolve();
  }

  /**
   * A write outside any transaction body waits for the next commit: everything asked for in one
   * turn of the event loop runs on the next, in the order asked, in one transaction, and each
   * answers once it is committed (what a request is answered on is in the file). The write lock is
   * held only while that runs, never from one turn to the next: another process (a CLI command, a
   * second server, the checkpoint thread) finds it free between two commits however busy this one is.
   */
  write<R>(run: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ body: false, run, resolve: resolve as (result: unknown) => void, reject });
      this.flushNextTurn();
    });
  }

  /**
   * A transaction is a savepoint in the next commit, after what was asked for before it: its body's
   * statements run as one and are taken back alone when it fails. Bodies run one at a time, and
   * statements from outside wait while one runs: an async body must not share its savepoint with
   * another request's statements.
   */
  transaction<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ body: true, run: () => fn(this.inside), resolve: resolve as (result: unknown) => void, reject });
      this.flushNextTurn();
    });
  }

  private flushNextTurn(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    nextTurn(() => this.flush());
  }

  /** BEGIN IMMEDIATE takes the write lock, so no statement in the commit meets a busy database. */
  private flush(): void {
    // A commit under way schedules the next when it ends.
    if (this.flushing || this.pending.length === 0) {
      this.flushScheduled = false;
      return;
    }
    let begun: unknown;
    try {
      begun = unlessBusy(() => this.control.begin.run(), this.beginWait);
    } catch (e) {
      this.failPending(e);
      return;
    }
    // Another process holds the lock: the entries (and those asked for meanwhile) wait for it off the event loop.
    if (begun instanceof Promise)
      begun.then(
        () => this.commitPending(),
        (e: unknown) => this.failPending(e),
      );
    else this.commitPending();
  }

  /** Runs and commits what is pending, in the transaction just begun. */
  private commitPending(): void {
    this.flushScheduled = false;
    const entries = this.pending;
    this.pending = [];
    // Without a transaction among them it all runs here and now, with no turn of the microtask queue.
    const done = this.runAndCommit(entries);
    if (done) {
      this.flushing = done
        .catch((e: unknown) => {
          // Not a statement's failure (those are settled above) but a fault of this code: nothing may wait for good.
          if (this.db.inTransaction) this.control.rollback.run();
          for (const entry of entries) entry.reject(e);
        })
        .finally(() => {
          this.flushing = null;
          if (this.pending.length > 0) this.flushNextTurn();
          this.ended();
        });
    }
  }

  /**
   * Runs the entries in the open transaction, then commits and settles each. A write that fails
   * fails alone (SQLite takes back that statement, a constraint's say); a failure that ends the
   * whole transaction fails what ran before it, and what was still to run goes to the next commit.
   * Answers a promise only when a transaction body had to be awaited.
   */
  private runAndCommit(entries: Pending[], from = 0, settles: Settle[] = []): Promise<void> | undefined {
    for (let i = from; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.body) return this.runBody(entry).then((settle) => this.afterBody(entries, i, settles, settle));
      try {
        const result = entry.run();
        this.wrote();
        settles.push(settleWith(entry, result));
      } catch (e) {
        settles.push(() => entry.reject(e));
        if (!this.db.inTransaction) return this.lost(entries, i, settles, e);
      }
    }
    this.commitWith(settles);
    return undefined;
  }

  private afterBody(entries: Pending[], i: number, settles: Settle[], settle: { settle: Settle; ended?: unknown }): Promise<void> | undefined {
    settles.push(settle.settle);
    if ('ended' in settle) return this.lost(entries, i, settles, settle.ended);
    return this.runAndCommit(entries, i + 1, settles);
  }

  private async runBody(entry: Pending): Promise<{ settle: Settle; ended?: unknown }> {
    this.control.savepoint.run();
    this.bodyRunning = true;
    try {
      const result = await entry.run();
      this.control.release.run();
      this.wrote();
      return { settle: settleWith(entry, result) };
    } catch (e) {
      if (!this.db.inTransaction) return { settle: () => entry.reject(e), ended: e };
      this.control.rollbackToSavepoint.run();
      this.control.release.run();
      return { settle: () => entry.reject(e) };
    } finally {
      this.bodyRunning = false;
    }
  }

  /** SQLite ended the transaction at entry `i`: what ran before it is gone, what was to run after it goes to the next commit. */
  private lost(entries: Pending[], i: number, settles: Settle[], cause: unknown): undefined {
    this.pending.unshift(...entries.slice(i + 1));
    this.commitWith(settles, { cause });
    return undefined;
  }

  /**
   * COMMITs the open transaction, then settles each entry: when the commit fails, or SQLite ended
   * the transaction before it (`lost`), every one in it fails.
   */
  private commitWith(settles: Settle[], lost?: { cause: unknown }): void {
    let failure = lost;
    if (failure === undefined) {
      try {
        this.control.commit.run();
      } catch (e) {
        failure = { cause: e };
      }
    }
    if (failure !== undefined && this.db.inTransaction) this.control.rollback.run();
    for (const settle of settles) settle(failure !== undefined, failure?.cause);
    if (this.pending.length > 0 && !this.flushing) this.flushNextTurn();
    this.ended();
  }

  private failPending(cause: unknown): void {
    const writes = this.pending;
    this.pending = [];
    this.flushScheduled = false;
    for (const { reject } of writes) reject(cause);
    this.ended();
  }
}
