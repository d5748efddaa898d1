import { noMetrics, type Metrics } from '../metrics/metrics.js';
import { createHashPool } from './hash-pool.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Hashed in a pool of threads, off the event loop. */
const options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface Passwords {
  hash(password: string): Promise<string>;
  /** For an unknown user pass `null`: the same work is done against a dummy hash. */
  verify(passwordHash: string | null, password: string): Promise<boolean>;
  /** Stops the hashing threads. */
  close(): Promise<void>;
}

/**
 * `metrics` sees every hash and verification: how many wait on the hashing threads, and how long.
 * `nice` is the hashing threads' priority (`password.hashNice`).
 */
export async function createPasswords(metrics: Pick<Metrics, 'passwordHash'> = noMetrics, { nice = 19 } = {}): Promise<Passwords> {
  const pool = createHashPool({ nice });
  // Made while the server starts, not before it answers: a start-up does not wait on a hash at the lowest priority.
  const dummy = pool.hash('not a real password: equalises the time of unknown usernames', options);
  dummy.catch(() => undefined);
  const check = async (passwordHash: string | null, password: string) => {
    try {
      const ok = await pool.verify(passwordHash ?? (await dummy), password);
      return passwordHash !== null && ok;
    } catch {
      // A malformed stored hash must still cost the same as a real check.
      await pool.verify(await dummy, password).catch(() => false);
      return false;
    }
  };
  return {
    hash: (password) => metrics.passwordHash('hash', () => pool.hash(password, options)),
    verify: (passwordHash, password) => metrics.passwordHash('verify', () => check(passwordHash, password)),
    close: () => pool.close(),
  };
}
