import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HashPool } from '../../server/auth/hash-pool.js';
import type { ConfigInput } from '../../server/config.js';
import { startCountingServer, type TestServer } from '../support/server.js';

// The real argon2 pool, watched: a count of verifies is a timing check that cannot flake.
const verify = vi.fn<HashPool['verify']>();
vi.mock('../../server/auth/hash-pool.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../server/auth/hash-pool.js')>();
  return {
    ...real,
    createHashPool: (...args: Parameters<typeof real.createHashPool>) => {
      const pool = real.createHashPool(...args);
      verify.mockImplementation(pool.verify);
      return { ...pool, verify };
    },
  };
});

const KNOWN = 'alice';
const UNKNOWN = 'nobody-by-this-name';
const WINDOW = 900;

describe('an unknown username and a wrong password look alike', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  async function start(config: NonNullable<ConfigInput['password']> = {}) {
    server = await startCountingServer({ password: { windowSeconds: WINDOW, ...config } });
    // Counters use fixed windows: start just after one opens, so none closes mid-test.
    const now = Math.floor(server.services.now().getTime() / 1000);
    server.advance(WINDOW - (now % WINDOW) + 1);
  }

  const newFlow = async () => (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow as string;
  const attempt = (flow: string, username: string, password = 'not the password') =>
    server.post('/api/v1/flows/password', { flow, username, password });
  const headerNames = (h: Headers) => [...h.keys()].filter((k) => k !== 'date').sort();

  it('answers both with the same status, body and headers, counting down the same attempts', async () => {
    await start();
    const flows = { [KNOWN]: await newFlow(), [UNKNOWN]: await newFlow() };
    for (let i = 0; i < 5; i++) {
      const known = await attempt(flows[KNOWN]!, KNOWN);
      const unknown = await attempt(flows[UNKNOWN]!, UNKNOWN);
      expect(unknown.status).toBe(known.status);
      // Only the request id differs, and it is each request's own.
      expect(unknown.body).toEqual({ ...known.body, requestId: unknown.headers.get('x-request-id') });
      expect(headerNames(unknown.headers)).toEqual(headerNames(known.headers));
      if (i < 4)
        expect(known.body).toEqual({
          error: 'invalid_credentials',
          message: 'The username or password is not right.',
          attemptsRemaining: 4 - i,
          requestId: expect.any(String),
        });
      else expect(known.body.error).toBe('too_many_attempts');
    }
  });

  it('counts both against the same limit per username and address, across flows', async () => {
    await start({ perUsernameAndIpLimit: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await attempt(await newFlow(), KNOWN)).body.error).toBe('invalid_credentials');
      expect((await attempt(await newFlow(), UNKNOWN)).body.error).toBe('invalid_credentials');
    }
    const known = await attempt(await newFlow(), KNOWN);
    const unknown = await attempt(await newFlow(), UNKNOWN);
    for (const res of [known, unknown]) {
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ error: 'rate_limited', retryAfter: expect.any(Number) });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The limit must not become an oracle either: the right password is held back the same way.
    expect((await attempt(await newFlow(), KNOWN, server.demo!.password)).body.error).toBe('rate_limited');
    // It is per username: someone else is not locked out.
    expect((await attempt(await newFlow(), 'carol')).body.error).toBe('invalid_credentials');
    server.advance(WINDOW);
    expect((await attempt(await newFlow(), KNOWN, server.demo!.password)).status).toBe(200);
  });

  it('runs one argon2id verify of the same cost for both', async () => {
    await start();
    const hashesVerified = async (username: string) => {
      verify.mockClear();
      await attempt(await newFlow(), username);
      return verify.mock.calls.map(([hash]) => String(hash).split('$').slice(0, 4).join('$'));
    };
    const known = await hashesVerified(KNOWN);
    const unknown = await hashesVerified(UNKNOWN);
    expect(known).toEqual(['$argon2id$v=19$m=19456,t=2,p=1']);
    expect(unknown).toEqual(known);
  });

  it('takes as long for both: medians of interleaved samples within 25 %', async () => {
    // Flow starts are limited per address; this test starts nearly two hundred in seconds.
    server = await startCountingServer({ flow: { startsPerMinutePerIp: 10_000 } });
    const { store, passwords } = server.services;
    const passwordHash = await passwords.hash('the right password');
    const WARM_UP = 8;
    const SAMPLES = 80;
    // A username is tried once: no limit, slow-down or lockout of any kind has a second failure
    // to act on, so only the password check itself is timed. Known users exist before timing starts.
    const known: string[] = [];
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      known.push(`known-${i}`);
      await store.createUser({ username: `known-${i}`, displayName: `Known ${i}`, passwordHash }, server.services.now());
    }
    const unknown = known.map((_, i) => `unknown-${i}-${randomUUID()}`);

    const timed = async (username: string) => {
      const flow = await newFlow();
      const t0 = performance.now();
      const res = await attempt(flow, username);
      const ms = performance.now() - t0;
      expect(res.body.error).toBe('invalid_credentials');
      return ms;
    };
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      // Alternating which goes first (ABBA), so a burst of load elsewhere on the machine falls on both alike.
      const pair = [
        ['known', known[i]!],
        ['unknown', unknown[i]!],
      ] as const;
      for (const [kind, username] of i % 2 === 0 ? pair : [...pair].reverse()) {
        const ms = await timed(username);
        if (i >= WARM_UP) times[kind].push(ms);
      }
    }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      const mid = sorted.length / 2;
      return (sorted[Math.floor(mid - 0.5)]! + sorted[Math.ceil(mid - 0.5)]!) / 2;
    };
    const k = median(times.known);
    const u = median(times.unknown);
    // Without the dummy verify an unknown name answers ~20-50x faster; an extra store round trip
    // or a second hash on one side shows as well.
    expect(Math.max(k, u) / Math.min(k, u), `median ${k.toFixed(1)} ms for known, ${u.toFixed(1)} ms for unknown usernames`).toBeLessThanOrEqual(
      1.25,
    );
  });
});
