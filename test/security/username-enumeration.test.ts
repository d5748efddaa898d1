import { verify } from '@node-rs/argon2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfigInput } from '../../server/config.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The real argon2, watched: a count of verifies is a timing check that cannot flake.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});

const KNOWN = 'alice';
const UNKNOWN = 'nobody-by-this-name';
const WINDOW = 900;

describe('an unknown username and a wrong password look alike', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  async function start(config: NonNullable<ConfigInput['password']> = {}) {
    server = await startTestServer({ password: { windowSeconds: WINDOW, ...config } });
    // Counters use fixed windows: start just after one opens, so none closes mid-test.
    const now = Math.floor(server.services.now().getTime() / 1000);
    server.advance(WINDOW - (now % WINDOW) + 1);
  }

  const newFlow = async () => (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow as string;
  const attempt = (flow: string, username: string, password = 'not the password') => server.post('/api/v1/flows/password', { flow, username, password });
  const headerNames = (h: Headers) => [...h.keys()].filter((k) => k !== 'date').sort();

  it('answers both with the same status, body and headers, counting down the same attempts', async () => {
    await start();
    const flows = { [KNOWN]: await newFlow(), [UNKNOWN]: await newFlow() };
    for (let i = 0; i < 5; i++) {
      const known = await attempt(flows[KNOWN]!, KNOWN);
      const unknown = await attempt(flows[UNKNOWN]!, UNKNOWN);
      expect(unknown.status).toBe(known.status);
      expect(unknown.body).toEqual(known.body);
      expect(headerNames(unknown.headers)).toEqual(headerNames(known.headers));
      if (i < 4) expect(known.body).toEqual({ error: 'invalid_credentials', message: 'The username or password is not right.', attemptsRemaining: 4 - i });
      else expect(known.body.error).toBe('too_many_attempts');
    }
  });

  it('counts both against the same per-username limit, across flows', async () => {
    await start({ perUsernameLimit: 3 });
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
      vi.mocked(verify).mockClear();
      await attempt(await newFlow(), username);
      return vi.mocked(verify).mock.calls.map(([hash]) => String(hash).split('$').slice(0, 4).join('$'));
    };
    const known = await hashesVerified(KNOWN);
    const unknown = await hashesVerified(UNKNOWN);
    expect(known).toEqual(['$argon2id$v=19$m=19456,t=2,p=1']);
    expect(unknown).toEqual(known);
  });

  it('takes about as long for both (medians of interleaved samples within a factor of 4)', async () => {
    await start({ perUsernameLimit: 1000 });
    const times: Record<string, number[]> = { [KNOWN]: [], [UNKNOWN]: [] };
    for (let i = 0; i < 10; i++) {
      for (const username of [KNOWN, UNKNOWN]) {
        const flow = await newFlow();
        const t0 = performance.now();
        await attempt(flow, username);
        times[username]!.push(performance.now() - t0);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Without the dummy verify an unknown name answers ~20-50x faster; load slows both alike.
    const ratio = median(times[KNOWN]!) / median(times[UNKNOWN]!);
    expect(ratio).toBeGreaterThan(1 / 4);
    expect(ratio).toBeLessThan(4);
  });
});
