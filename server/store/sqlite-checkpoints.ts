import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A connection of its own in a thread, checkpointing now and then. PASSIVE never waits for a
 * reader or a writer, and never blocks one. CommonJS, evaluated: the same text runs from the
 * sources and from dist/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
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
 * the thread cannot start or ends by itself: the caller turns SQLite's own checkpoints back on.
 */
export function checkpointInThread(file: string, everyMs: number, onFailure: (e: Error) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs } });
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
