import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { heldUntil } from '../held-until.js';

/**
 * Each thread lowers its own priority (on Linux a thread's nice value is its own), then hashes
 * synchronously. CommonJS, evaluated: the same text runs from the sources and from dist/.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
const argon2 = require(workerData.argon2);
try { os.setPriority(workerData.nice); } catch {}
parentPort.on('message', ({ id, op, args }) => {
  try {
    const value = op === 'hash' ? argon2.hashSync(args[0], args[1]) : argon2.verifySync(args[0], args[1]);
    parentPort.postMessage({ id, value });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

type Job = { op: 'hash' | 'verify'; args: unknown[]; resolve: (value: unknown) => void; reject: (e: Error) => void };

export interface HashPool {
  hash(password: string, options: object): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * argon2 in `size` threads at nice `nice` (by default the lowest priority, 19): the hashes take
 * every cycle the event loop leaves, and the event loop takes its core back the moment a request
 * arrives. On libuv's pool (4 threads at the event loop's priority) a burst of logins delayed every
 * other answer. Jobs beyond `size` wait here, in order.
 */
export function createHashPool({ size = availableParallelism(), nice = 19 } = {}): HashPool {
  const argon2 = createRequire(import.meta.url).resolve('@node-rs/argon2');
  const idle: Worker[] = [];
  const queue: Job[] = [];
  const all: Worker[] = [];
  const busy = new Map<Worker, Job>();
  let next = 0;

  function spawn(): Worker {
    const worker = new Worker(WORKER, { eval: true, workerData: { argon2, nice } });
    // An idle pool must not keep a process (a CLI command, a test) alive.
    worker.unref();
    all.push(worker);
    return worker;
  }

  function run(worker: Worker, job: Job): void {
    const id = next++;
    busy.set(worker, job);
    worker.ref();
    const onMessage = (m: { id: number; value?: unknown; error?: string }) => {
      if (m.id !== id) return;
      busy.delete(worker);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.unref();
      if (m.error === undefined) job.resolve(m.value);
      else job.reject(new Error(m.error));
      release(worker);
    };
    const onError = (e: Error) => {
      busy.delete(worker);
      worker.off('message', onMessage);
      all.splice(all.indexOf(worker), 1);
      job.reject(e);
      // A thread that died is replaced, so the pool keeps its size.
      release(spawn());
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage({ id, op: job.op, args: job.args });
  }

  function release(worker: Worker): void {
    const job = queue.shift();
    if (job) run(worker, job);
    else idle.push(worker);
  }

  function submit<T>(op: Job['op'], args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { op, args, resolve: resolve as (value: unknown) => void, reject };
      const worker = idle.pop() ?? (all.length < size ? spawn() : undefined);
      if (worker) run(worker, job);
      else queue.push(job);
    });
  }

  return {
    hash: (password, options) => submit<string>('hash', [password, options]),
    verify: (passwordHash, password) => submit<boolean>('verify', [passwordHash, password]),
    async close() {
      const closed = new Error('the password hashing pool is closed');
      for (const job of [...queue.splice(0), ...busy.values()]) job.reject(closed);
      busy.clear();
      // A thread in a hash ends only when its hash does (slowly, at nice 19 on a busy machine).
      await heldUntil(Promise.all(all.splice(0).map((w) => w.terminate())));
      idle.length = 0;
    },
  };
}
