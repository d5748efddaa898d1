import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { heldUntil } from '../held-until.js';

/** When the WAL starts over and when its file is cut back; `checkpointInThread` takes others (tests). */
export interface WalLimits {
  /** A WAL this long is started over: it stays about this plus a second of commits. */
  restartAtPages: number;
  /** A WAL file left longer than this by a burst is cut to nothing once the burst is over. */
  truncateAboveBytes: number;
}

/** 16 MiB of 4 KiB pages; 64 MiB of file. */
const WAL_LIMITS: WalLimits = { restartAtPages: 4096, truncateAboveBytes: 64 * 2 ** 20 };
/** What a RESTART or TRUNCATE may wait, in all, for a commit under way and then for readers. */
const WAIT_MS = 100;
/** A reader that kept a RESTART from finishing is left alone for 1, 2, 4 … up to this many turns. */
const MAX_BACKOFF_TURNS = 32;

/**
 * A connection of its own in a thread, checkpointing now and then. PASSIVE never waits for a
 * reader or a writer, and never blocks one. But under steady writes a PASSIVE pass never ends with
 * the whole WAL copied (commits add frames while it copies), so no commit starts the WAL over and
 * it grows for good: 1.4 GB in two minutes of sign-ins here, each commit extending the file (new
 * blocks to allocate and zero, ~25 % of a TOTP step's main-thread time). Past `restartAtPages` a
 * RESTART follows: it takes the write lock (commits meanwhile wait off the event loop, see
 * `unlessBusy`), copies the frames written since the PASSIVE pass, waits for readers of the old
 * frames, and the next commit writes from the WAL's start. A reader in another process (a CLI
 * export) that outlasts the wait makes it give up with busy set, having held the write lock for
 * the wait: it is not tried again for a while, doubling each time. Once a burst is over, a WAL file
 * it left long is cut here (TRUNCATE), not by journal_size_limit in a commit on the event loop
 * (35-105 ms). The connection's synchronous is set, not taken from the build: with OFF, a
 * checkpoint would not sync the database before the WAL starts over.
 *
 * A RESTART syncs the WAL, then the database, with the write lock held. Under steady writes no
 * PASSIVE pass ends with the whole WAL copied, and only such a pass syncs the database: all it
 * copied since the last RESTART waited for that sync, which held every commit up for 10-28 ms
 * once a second (TOTP sign-ins, eight in flight). Both files are synced first, here, with no lock
 * held (fsync flushes a file whatever descriptor asks), so the RESTART's own syncs find little
 * left: 4-12 ms held (the WAL alone: ~13 ms). The database is synced through the descriptor this
 * connection opened (found in /proc/self/fd; elsewhere only the WAL is synced first), never one
 * opened for it: closing any descriptor of a file drops every POSIX lock this process holds on it,
 * the read lock that tells other processes they are not its last connection included (SQLite takes
 * no lock on the WAL file itself). The thread then says it has let go (`unlocked`), and a commit
 * that met the lock tries again at once. A flow start's p99 beside those sign-ins fell from 25-34
 * to 16-17 ms.
 * CommonJS, evaluated: the same text runs from the sources and from dist/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { closeSync, fsyncSync, openSync, readdirSync, readlinkSync, realpathSync, statSync } = require('node:fs');
const Database = require(workerData.driver);
/** The descriptors of this process that name the database file now: Linux's /proc, none elsewhere. */
const descriptorsOfDatabase = () => {
  try {
    const file = realpathSync(workerData.file);
    return readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync('/proc/self/fd/' + fd) === file;
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
};
const before = descriptorsOfDatabase();
const db = new Database(workerData.file, { fileMustExist: true });
/** The database's descriptor that this connection opened: it stays open as long as the connection. */
const own = descriptorsOfDatabase().find((fd) => !before.includes(fd));
const ownDescriptor = own === undefined ? undefined : Number(own);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const walBytes = () => {
  try {
    return statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
/** Best effort: what cannot be synced now is synced by the checkpoint itself, as before. */
const syncFirst = () => {
  try {
    const wal = openSync(workerData.file + '-wal', 'r');
    try {
      fsyncSync(wal);
    } finally {
      closeSync(wal);
    }
  } catch {}
  try {
    if (ownDescriptor !== undefined) fsyncSync(ownDescriptor);
  } catch {}
};
let backoff = 0;
let skip = 0;
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (skip > 0) {
      skip--;
      return;
    }
    const long = log >= workerData.restartAtPages;
    if (!long && walBytes() <= workerData.truncateAboveBytes) return;
    syncFirst();
    db.pragma('busy_timeout = ' + workerData.waitMs);
    try {
      const [{ busy }] = db.pragma(long ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(TRUNCATE)');
      backoff = busy ? Math.min(Math.max(1, backoff * 2), workerData.maxBackoffTurns) : 0;
      skip = backoff;
    } finally {
      db.pragma('busy_timeout = 0');
      // Commits that met the lock meanwhile wait for this, not for their next pause.
      parentPort.postMessage('unlocked');
    }
  } catch {
    // Busy or interrupted: the next turn tries again.
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Ends the thread (after a checkpoint under way) and its connection. */
  stop(): Promise<void>;
  /**
   * Calls `wake` once the thread has let go of the write lock after its next RESTART or TRUNCATE;
   * answers how to take it back (a wait that ended otherwise). Nothing once the thread has ended.
   */
  onUnlocked(wake: () => void): (() => void) | undefined;
}

/**
 * Checkpoints `file`'s WAL every `everyMs` from a worker thread. SQLite's own checkpoint runs in
 * the commit that crosses 1,000 pages, on the event loop: it copies the pages and syncs the file,
 * 10-30 ms here, a stall every cheap request behind it waited out. `onFailure` is called once if
 * the thread cannot start or ends by itself: the caller turns SQLite's own checkpoints back on. A long
 * WAL is started over, and a long WAL file cut back, as `limits` say (see WORKER).
 */
export function checkpointInThread(file: string, everyMs: number, onFailure: (e: Error) => void, limits: WalLimits = WAL_LIMITS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { driver, file, everyMs, ...limits, waitMs: WAIT_MS, maxBackoffTurns: MAX_BACKOFF_TURNS },
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const failed = (e: Error) => {
    if (stopping) return;
    stopping = true;
    onFailure(e);
  };
  const waiting = new Set<() => void>();
  let ended = false;
  const wakeAll = () => {
    const woken = [...waiting];
    waiting.clear();
    for (const wake of woken) wake();
  };
  worker.once('error', failed);
  worker.once('exit', (code) => {
    failed(new Error(`the checkpoint thread exited with ${code}`));
    // A thread gone holds no lock: the waits fall back to their pauses.
    ended = true;
    wakeAll();
  });
  worker.on('message', (m) => m === 'unlocked' && wakeAll());
  // A store left open must not keep a process (a CLI command, a test) alive: after the listener, which refs the thread's port.
  worker.unref();
  return {
    onUnlocked(wake) {
      if (ended) return undefined;
      waiting.add(wake);
      return () => waiting.delete(wake);
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      // Else the caller's connection could be left open and what follows the close not run.
      return heldUntil(exited);
    },
  };
}
