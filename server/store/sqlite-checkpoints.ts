import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A WAL this long (16 MiB of 4 KiB pages) is started over: it stays about this plus a second of commits. */
const RESTART_AT_PAGES = 4096;
/** How long a RESTART waits for a commit under way before copying what it can; commits wait out the rest. */
const RESTART_WAIT_MS = 100;

/**
 * A connection of its own in a thread, checkpointing now and then. PASSIVE never waits for a
 * reader or a writer, and never blocks one. But under steady writes a PASSIVE pass never ends with
 * the whole WAL copied (commits add frames while it copies), so no commit starts the WAL over and
 * it grows for good: 1.4 GB in two minutes of sign-ins here, each commit extending the file (new
 * blocks to allocate and zero, ~25 % of a TOTP step's main-thread time). Past `restartAtPages` a
 * RESTART follows: it takes the write lock for the frames written since the PASSIVE pass (commits
 * meanwhile wait off the event loop, see `unlessBusy`), and the next commit writes from the
 * WAL's start. CommonJS, evaluated: the same text runs from the sources and from dist/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log < workerData.restartAtPages) return;
    // Waits a little for a gap between commits; without one it copies what it can, as PASSIVE does.
    db.pragma('busy_timeout = ' + workerData.restartWaitMs);
    try {
      db.pragma('wal_checkpoint(RESTART)');
    } finally {
      db.pragma('busy_timeout = 0');
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
}

/**
 * Checkpoints `file`'s WAL every `everyMs` from a worker thread. SQLite's own checkpoint runs in
 * the commit that crosses 1,000 pages, on the event loop: it copies the pages and syncs the file,
 * 10-30 ms here, a stall every cheap request behind it waited out. `onFailure` is called once if
 * the thread cannot start or ends by itself: the caller turns SQLite's own checkpoints back on. A WAL
 * of `restartAtPages` or more is started over (see WORKER).
 */
export function checkpointInThread(file: string, everyMs: number, onFailure: (e: Error) => void, restartAtPages = RESTART_AT_PAGES): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs, restartAtPages, restartWaitMs: RESTART_WAIT_MS } });
  // A store left open must not keep a process (a CLI command, a test) alive.
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const failed = (e: Error) => {
    if (stopping) return;
    stopping = true;
    onFailure(e);
  };
  worker.once('error', failed);
  worker.once('exit', (code) => failed(new Error(`the checkpoint thread exited with ${code}`)));
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      return exited;
    },
  };
}
