import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createHashPool, type HashPool } from '../../../server/auth/hash-pool.js';
import { createPasswords } from '../../../server/auth/passwords.js';
import { parseConfig } from '../../../server/config.js';
import { startTestServer } from '../../support/server.js';

const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** The nice value of each of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
const threadNices = () =>
  readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

describe('password hashing in low-priority threads', () => {
  let pool: HashPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('hashes with the given cost and verifies right, wrong and malformed hashes', async () => {
    pool = createHashPool({ size: 2 });
    const hash = await pool.hash('right', options);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await pool.verify(hash, 'right')).toBe(true);
    expect(await pool.verify(hash, 'wrong')).toBe(false);
    await expect(pool.verify('not a hash', 'right')).rejects.toThrow();
    // The failed job did not cost the pool a thread.
    expect(await pool.verify(hash, 'right')).toBe(true);
  });

  it.runIf(existsSync('/proc/self/task'))(
    'runs at most `size` hashes at once, in threads at nice 19 while the event loop keeps its priority',
    async () => {
      const mainNice = os.getPriority();
      const before = threadNices().filter((n) => n === 19).length;
      pool = createHashPool({ size: 2 });
      const hash = await pool.hash('x', options);
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => pool!.verify(hash, i % 2 ? 'x' : 'y')));
      expect(answers).toEqual([false, true, false, true, false, true]);
      expect(threadNices().filter((n) => n === 19).length - before).toBe(2);
      expect(os.getPriority()).toBe(mainNice);
    },
  );

  it.runIf(existsSync('/proc/self/task'))("hashes a server's passwords at password.hashNice", async () => {
    const before = threadNices().filter((n) => n === 3).length;
    const server = await startTestServer({ password: { hashNice: 3 } });
    try {
      const { body } = await server.post('/api/v1/flows', { clientId: 'demo' });
      const answer = await server.post('/api/v1/flows/password', { flow: body.flow, username: 'alice', password: server.demo!.password });
      expect(answer.status).toBe(200);
      expect(threadNices().filter((n) => n === 3).length - before).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
    expect(() => parseConfig({ password: { hashNice: 20 } }, {})).toThrow(/hashNice/);
  });

  it('answers the jobs a thread holds each in turn, a failed one among them', async () => {
    pool = createHashPool({ size: 1 });
    const hash = await pool.hash('right', options);
    const answers = [pool.verify(hash, 'right'), pool.verify('not a hash', 'right'), pool.verify(hash, 'wrong'), pool.hash('next', options)];
    expect(await answers[0]).toBe(true);
    await expect(answers[1]).rejects.toThrow();
    expect(await answers[2]).toBe(false);
    expect(await answers[3]).toMatch(/^\$argon2id\$/);
  });

  it('refuses arguments a thread cannot be sent, and the answers after it stay with their own jobs', async () => {
    pool = createHashPool({ size: 1 });
    const hash = await pool.hash('right', options);
    const held = pool.verify(hash, 'right');
    await expect(pool.hash('x', { notCopyable() {} })).rejects.toThrow();
    expect(await Promise.all([held, pool.verify(hash, 'wrong'), pool.verify(hash, 'right')])).toEqual([true, false, true]);
  });

  it('refuses what is in flight, handed to a thread or queued when closed', async () => {
    pool = createHashPool({ size: 1 });
    // The first hashes, the second waits in the thread's port, the third here.
    const jobs = ['a', 'b', 'c'].map((password) => pool!.hash(password, options));
    const refused = Promise.all(jobs.map((job) => expect(job).rejects.toThrow('closed')));
    await pool.close();
    await refused;
    // A request still in flight at shutdown does not start a thread again.
    const before = existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : 0;
    await expect(pool.hash('d', options)).rejects.toThrow('closed');
    if (existsSync('/proc/self/task')) expect(readdirSync('/proc/self/task').length).toBe(before);
  });

  it('passwords: an unknown user and a malformed stored hash are refused', async () => {
    const passwords = await createPasswords();
    try {
      const hash = await passwords.hash('right');
      expect(await passwords.verify(hash, 'right')).toBe(true);
      expect(await passwords.verify(null, 'right')).toBe(false);
      expect(await passwords.verify('garbage', 'right')).toBe(false);
    } finally {
      await passwords.close();
    }
  });
});
