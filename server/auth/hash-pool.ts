import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { heldUntil } from '../held-until.js';

/**
 * Each thread lowers its own priority (on Linux a thread's nice value is its own), then hashes
 * synchronously, its jobs in the order they came, answering each in turn. CommonJS, evaluated:
 * the same text runs from the sources and from dist/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const argon2 = require(workerData.argon2);
try { os.setPriority(workerData.nice); } catch {}
parentPort.on('message', (job) => {
  try {
    const value = job.op === 'hash' ? argon2.hashSync(job.args[0], job.args[1]) : argon2.verifySync(job.args[0], job.args[1]);
    parentPort.postMessage({ id: job.id, value });
  } catch (e) {
    parentPort.postMessage({ id: job && job.id, error: String((e && e.message) || e) });
  }
});
`;

type Job = { id: number; op: 'hash' | 'verify'; args: unknown[]; resolve: (value: unknown) => void; reject: (e: Error) => void };

export interface HashPool {
  hash(password: string, options: object): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Jobs handed to a thread at once: the one it hashes and the next, already in its port when the
 * first ends. With one, a thread sat idle from posting its answer until the event loop had woken,
 * read it and posted the next job: ~2 % of the machine idle during a password-step load, and
 * password steps 81–83 % of L1 against 86–92 % with two (paired runs). The price: a job handed to
 * a busy thread waits out that thread's hash even when another thread frees first.
 */
const DEPTH = 2;

/**
 * argon2 in `size` threads at nice `nice` (by default the lowest priority, 19): the hashes take
 * every cycle the event loop leaves, and the event loop takes its core back the moment a request
 * arrives. On libuv's pool (4 threads at the event loop's priority) a burst of logins delayed every
 * other answer. Jobs beyond what the threads hold (`DEPTH` each) wait here, in order.
 */
export function createHashPool({ size = availableParallelism(), nice = 19 } = {}): HashPool {
  const argon2 = createRequire(import.meta.url).resolve('@node-rs/argon2');
  const queue: Job[] = [];
  /** Each thread's jobs, in the order it runs them. */
  const held = new Map<Worker, Job[]>();
  const closedError = () => new Error('the password hashing pool is closed');
  let closed = false;
  let nextId = 0;

  function spawn(): Worker {
    const worker = new Worker(WORKER, { eval: true, workerData: { argon2, nice } });
    const jobs: Job[] = [];
    held.set(worker, jobs);
    // An idle pool must not keep a process (a CLI command, a test) alive.
    worker.unref();
    worker.on('message', (m: { id?: number; value?: unknown; error?: string }) => {
      if (!held.has(worker)) return;
      // Answers come in the order the jobs went; one that does not is never handed to another job.
      if (jobs[0]?.id !== m.id) return lost(worker, new Error('a password hashing thread answered out of turn'));
      const job = jobs.shift()!;
      if (m.error === undefined) job.resolve(m.value);
      else job.reject(new Error(m.error));
      fill(worker, jobs);
    });
    worker.once('error', (e: Error) => lost(worker, e));
    return worker;
  }

  /**
   * A thread that died or lost its turn: its jobs fail, and it is replaced only when work waits
   * (a thread that cannot start would otherwise be started again and again).
   */
  function lost(worker: Worker, e: Error): void {
    const jobs = held.get(worker);
    if (!jobs) return;
    held.delete(worker);
    void worker.terminate();
    for (const job of jobs.splice(0)) job.reject(e);
    if (queue.length > 0) fill(...leastBusy());
  }

  /** Hands `worker` queued jobs up to `DEPTH`; it holds the process up only while it has some. */
  function fill(worker: Worker, jobs: Job[]): void {
    while (jobs.length < DEPTH && queue.length > 0) {
      const job = queue.shift()!;
      try {
        worker.postMessage({ id: job.id, op: job.op, args: job.args });
      } catch (e) {
        // Never sent (arguments that cannot be copied): the thread's turns are untouched.
        job.reject(e as Error);
        continue;
      }
      jobs.push(job);
    }
    if (jobs.length > 0) worker.ref();
    else worker.unref();
  }

  /** The thread with the fewest jobs, spawning one while the pool is below `size`. */
  function leastBusy(): [Worker, Job[]] {
    let best: [Worker, Job[]] | undefined;
    for (const entry of held) if (!best || entry[1].length < best[1].length) best = entry;
    if (held.size < size && (!best || best[1].length > 0)) {
      const worker = spawn();
      return [worker, held.get(worker)!];
    }
    return best!;
  }

  function submit<T>(op: Job['op'], args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A request still in flight at shutdown does not start the threads again.
      if (closed) return reject(closedError());
      queue.push({ id: nextId++, op, args, resolve: resolve as (value: unknown) => void, reject });
      fill(...leastBusy());
    });
  }

  return {
    hash: (password, options) => submit<string>('hash', [password, options]),
    verify: (passwordHash, password) => submit<boolean>('verify', [passwordHash, password]),
    async close() {
      closed = true;
      const workers = [...held.keys()];
      const jobs = [...queue.splice(0), ...[...held.values()].flatMap((own) => own.splice(0))];
      held.clear();
      for (const job of jobs) job.reject(closedError());
      // A thread in a hash ends only when its hash does (slowly, at nice 19 on a busy machine).
      await heldUntil(Promise.all(workers.map((w) => w.terminate())));
    },
  };
}
