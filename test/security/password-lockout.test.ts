import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceTokenId } from '../../server/auth/device-tokens.js';
import type { ConfigInput } from '../../server/config.js';
import { enrolTotp, totpAt } from '../support/login.js';
import { proofKey, startStepUp } from '../support/step-up.js';
import { startCountingServer, type TestServer } from '../support/server.js';

const WINDOW = 900;
const ATTACKER = '198.51.100.66';
const OWNER = '203.0.113.10';
const PASSWORD_ONLY = { clientId: 'pwd', name: 'Password only', sequence: [['password']] as [['password']] };

describe('ten wrong passwords cannot lock the owner out', () => {
  let server: TestServer;
  /** Every slow-down wait the server asked for, in ms, in order; nothing actually waits. */
  let waits: number[];
  afterEach(() => server.stop());

  async function start(password: NonNullable<ConfigInput['password']> = {}) {
    waits = [];
    server = await startCountingServer(
      { trustProxy: true, password: { windowSeconds: WINDOW, ...password }, clients: [PASSWORD_ONLY] },
      { sleep: async (ms) => void waits.push(ms) },
    );
    // Counters use fixed windows: start just after one opens, so none closes mid-test.
    const now = Math.floor(server.services.now().getTime() / 1000);
    server.advance(WINDOW - (now % WINDOW) + 1);
  }

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const newFlow = async (ip: string, clientId = 'pwd') => (await server.post('/api/v1/flows', { clientId }, from(ip))).body.flow as string;

  /** One password attempt in a fresh flow (a flow allows only five), as a browser at `ip` would send it. */
  async function attempt(ip: string, password: string, extra: { username?: string; deviceToken?: string } = {}) {
    const { username = 'alice', deviceToken } = extra;
    const before = waits.length;
    const res = await server.post(
      '/api/v1/flows/password',
      { flow: await newFlow(ip), username, password, ...(deviceToken === undefined ? {} : { deviceToken }) },
      from(ip),
    );
    return { ...res, waited: waits.slice(before) };
  }

  /** The attacker's twelve wrong passwords for alice from one address. */
  async function attack(ip = ATTACKER) {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await attempt(ip, `guess-${i}`));
    return answers;
  }

  /** A finished password-only login of alice from `ip`: the device token it handed out. */
  async function signIn(ip: string, deviceToken?: string): Promise<string> {
    const res = await attempt(ip, server.demo!.password, deviceToken === undefined ? {} : { deviceToken });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('complete');
    expect(res.body.deviceToken).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43,}$/));
    return res.body.deviceToken;
  }

  it('stores the device token of a login that completed just before the server stopped', async () => {
    await start();
    const token = await signIn(OWNER);
    const id = deviceTokenId(server.services.keyring, token);
    await server.close();
    const db = new Database(path.join(server.dir, 'test.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT user_id FROM device_tokens WHERE id = ?').all(id)).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it("holds the attacker's own guesses to the per-address limit: 429 with Retry-After, even for the right password", async () => {
    await start();
    const answers = await attack();
    expect(answers.slice(0, 10).map((a) => a.body.error)).toEqual(Array(10).fill('invalid_credentials'));
    for (const refused of answers.slice(10)) {
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: 'rate_limited', retryAfter: expect.any(Number) });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW);
    }
    // From that address the password is not even checked any more, so a right one cannot be told apart.
    expect((await attempt(ATTACKER, server.demo!.password)).body.error).toBe('rate_limited');
    server.advance(WINDOW);
    expect((await attempt(ATTACKER, 'guess-13')).body.error).toBe('invalid_credentials');
  });

  it('lets the owner in from another address after the attack, only slowed down by the documented numbers', async () => {
    await start();
    const answers = await attack();
    // Failures 6 to 10 wait 1, 2, 4, 8, 16 s; the refused 11th and 12th wait for nothing.
    expect(answers.map((a) => a.waited)).toEqual([[], [], [], [], [], [1000], [2000], [4000], [8000], [16_000], [], []]);

    const owner = await attempt(OWNER, server.demo!.password);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ status: 'complete', user: { username: 'alice' }, result: { idToken: expect.any(String) } });
    expect(owner.waited).toEqual([16_000]);
  });

  it("adds nothing to the username's slow-down with attempts the address limit refused", async () => {
    await start({ perUsernameAndIpLimit: 3, slowDown: { afterFailures: 1, baseSeconds: 1, maxSeconds: 60 } });
    const answers = await attack();
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, ...Array(9).fill(429)]);
    // Three failures were checked: the owner waits 2^(3 - 1) s, not the 60 s of twelve.
    const owner = await attempt(OWNER, server.demo!.password);
    expect(owner.body.status).toBe('complete');
    expect(owner.waited).toEqual([4000]);
  });

  it("lets the owner with a device token in from the attacker's own address, without waiting", async () => {
    await start();
    const token = await signIn(OWNER);
    await attack();
    const owner = await attempt(ATTACKER, server.demo!.password, { deviceToken: token });
    expect(owner.status).toBe(200);
    expect(owner.body.status).toBe('complete');
    expect(owner.waited).toEqual([]);
    // Without the token the same address is still refused: the attacker gained nothing.
    expect((await attempt(ATTACKER, 'guess-13')).status).toBe(429);
  });

  it('counts wrong passwords sent with a device token against that device, not the address or the username', async () => {
    await start({ perDeviceLimit: 3 });
    const token = await signIn(OWNER);
    for (let i = 0; i < 3; i++) {
      const wrong = await attempt(OWNER, `typo-${i}`, { deviceToken: token });
      expect(wrong.body.error).toBe('invalid_credentials');
      expect(wrong.waited).toEqual([]);
    }
    const refused = await attempt(OWNER, server.demo!.password, { deviceToken: token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The address and the username budgets were not touched: without the token, no wait and a way in.
    const plain = await attempt(OWNER, server.demo!.password);
    expect(plain.status).toBe(200);
    expect(plain.waited).toEqual([]);
  });

  it("gives nothing for a made-up token or another user's token: the address limit and the slow-down hold", async () => {
    await start({ perUsernameAndIpLimit: 3, slowDown: { afterFailures: 1 } });
    await server.services.store.createUser(
      { username: 'bob', displayName: 'Bob', passwordHash: await server.services.passwords.hash('bob password 1') },
      server.services.now(),
    );
    const bobs = (await attempt(OWNER, 'bob password 1', { username: 'bob' })).body.deviceToken as string;
    expect(bobs).toEqual(expect.any(String));

    const answers = [];
    for (const deviceToken of [bobs, 'made-up', '', 'x'.repeat(512)]) answers.push(await attempt(ATTACKER, 'guess', { deviceToken }));
    expect(answers.map((a) => a.body.error)).toEqual(['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'rate_limited']);
    expect(answers.map((a) => a.waited)).toEqual([[], [1000], [2000], []]);
  });

  it('hands a device token only to the answer that completes a login: not to steps before it, to introspect or to a settings step-up', async () => {
    waits = [];
    server = await startCountingServer({ trustProxy: true }, { sleep: async (ms) => void waits.push(ms) });
    const { flow, secret, done } = await enrolTotp(server);
    expect(done.status).toBe(200);
    expect(done.body.deviceToken).toEqual(expect.any(String));
    expect((await server.post('/api/v1/flows/introspect', { flow })).body.deviceToken).toBeUndefined();

    // The token works on the next login, whose first step answers without one.
    const next = await newFlow(ATTACKER, 'demo');
    const identified = await server.post(
      '/api/v1/flows/password',
      { flow: next, username: 'alice', password: server.demo!.password, deviceToken: done.body.deviceToken },
      from(ATTACKER),
    );
    expect(identified.body.status).toBe('pending');
    expect(identified.body.deviceToken).toBeUndefined();
    server.advance(30);
    const second = await server.post('/api/v1/flows/totp/verify', { flow: next, code: await totpAt(secret, server.services.now()) }, from(ATTACKER));
    expect(second.body.status).toBe('complete');
    // The device sent a token with most of its life ahead: it keeps that one, and no row is added.
    expect(second.body.deviceToken).toBeUndefined();
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    await server.services.deviceTokens.flush();
    expect(
      (await server.services.store.findDeviceToken(deviceTokenId(server.services.keyring, done.body.deviceToken), server.services.now()))?.userId,
    ).toBe(alice.id);

    // A settings step-up is no login: it ends in a settings grant and hands out no device token.
    const { flow: stepUpFlow } = await startStepUp(server, second.body.result.idToken, await proofKey());
    server.advance(30);
    const granted = await server.post(
      '/api/v1/flows/totp/verify',
      { flow: stepUpFlow, code: await totpAt(secret, server.services.now()) },
      { origin: server.url },
    );
    expect(granted.body.result.settingsGrant).toEqual(expect.any(String));
    expect(granted.body.deviceToken).toBeUndefined();

    // Past half its life (90 days by default), the token still exempts its device, and the login
    // that used it hands out a new one, so a device in daily use never sees its token run out.
    server.advance(46 * 86_400);
    const later = await newFlow(ATTACKER, 'demo');
    await server.post(
      '/api/v1/flows/password',
      { flow: later, username: 'alice', password: server.demo!.password, deviceToken: done.body.deviceToken },
      from(ATTACKER),
    );
    const renewed = await server.post(
      '/api/v1/flows/totp/verify',
      { flow: later, code: await totpAt(secret, server.services.now()) },
      from(ATTACKER),
    );
    expect(renewed.body.status).toBe('complete');
    expect(renewed.body.deviceToken).toEqual(expect.any(String));
    expect(renewed.body.deviceToken).not.toBe(done.body.deviceToken);
    expect(await server.services.deviceTokens.forget(alice.id, server.services.now())).toBe(2);
  });

  it('no longer exempts a revoked or expired device token', async () => {
    await start({ deviceTokenTtlDays: 30 });
    const revoked = await signIn(OWNER);
    await attack();
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    expect(await server.services.deviceTokens.forget(alice.id, server.services.now())).toBe(1);
    const afterRevoke = await attempt(ATTACKER, server.demo!.password, { deviceToken: revoked });
    expect(afterRevoke.status).toBe(429);

    const expiring = await signIn(OWNER);
    server.advance(30 * 86_400 + 1);
    await attack();
    const afterExpiry = await attempt(OWNER, server.demo!.password, { deviceToken: expiring });
    expect(afterExpiry.status).toBe(200);
    expect(afterExpiry.waited).toEqual([16_000]);
    // The sweep drops expired tokens; the one just handed out stays.
    await server.services.deviceTokens.flush();
    await server.services.store.sweepDeviceTokens(server.services.now());
    expect(await server.services.deviceTokens.forget(alice.id, server.services.now())).toBe(1);
  });

  it('slows an unknown username exactly like a known one', async () => {
    await start({ perUsernameAndIpLimit: 100 });
    for (let i = 0; i < 8; i++) {
      const known = await attempt(`192.0.2.${i}`, 'guess');
      const unknown = await attempt(`192.0.2.${i}`, 'guess', { username: 'nobody-by-this-name' });
      expect(unknown.status).toBe(known.status);
      // Only the request id differs, and it is each request's own.
      expect(unknown.body).toEqual({ ...known.body, requestId: unknown.headers.get('x-request-id') });
      expect(unknown.waited).toEqual(known.waited);
    }
    expect(waits).toEqual([1000, 1000, 2000, 2000, 4000, 4000]);
  });

  it('treats the addresses of one IPv6 /64 as one address', async () => {
    await start({ perUsernameAndIpLimit: 2 });
    expect((await attempt('2001:db8:1:2::1', 'guess')).status).toBe(401);
    expect((await attempt('2001:db8:1:2:ffff::9', 'guess')).status).toBe(401);
    expect((await attempt('2001:0db8:0001:0002:abcd::1', 'guess')).status).toBe(429);
    expect((await attempt('2001:db8:1:3::1', 'guess')).status).toBe(401);
  });

  it('keeps typed usernames and device tokens out of the database: counters and tokens are keyed hashes', async () => {
    await start();
    const token = await signIn(OWNER);
    const typedByMistake = 'Correct-Horse-Battery-Staple';
    await attempt(ATTACKER, 'guess');
    await attempt(ATTACKER, 'guess', { username: typedByMistake });
    await attempt(OWNER, 'typo', { deviceToken: token });
    await server.services.deviceTokens.flush();
    // A second connection, as anyone with a copy of the file would read it (WAL: the server's writes are visible).
    const db = new Database(path.join(server.dir, 'test.db'), { readonly: true });
    try {
      const keys = db
        .prepare('SELECT key FROM counters')
        .all()
        .map((r) => String((r as { key: string }).key));
      expect(keys.filter((k) => k.startsWith('password:')).length).toBeGreaterThanOrEqual(4);
      for (const key of keys) {
        expect(key).not.toMatch(/alice/i);
        expect(key.toLowerCase()).not.toContain(typedByMistake.toLowerCase());
        expect(key).not.toContain(token);
      }
      const tokens = db.prepare('SELECT * FROM device_tokens').all();
      expect(tokens).toHaveLength(1);
      expect(JSON.stringify(tokens)).not.toContain(token);
    } finally {
      db.close();
    }
  });
});

describe('the slow-down with the real clock', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('really holds an attempt back before checking it', async () => {
    server = await startCountingServer({ password: { slowDown: { afterFailures: 1, baseSeconds: 0.5, maxSeconds: 0.5 } } });
    const attempt = async () => {
      const flow = (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow as string;
      const t0 = performance.now();
      const res = await server.post('/api/v1/flows/password', { flow, username: 'alice', password: 'guess' });
      return { res, ms: performance.now() - t0 };
    };
    await attempt();
    const slowed = await attempt();
    expect(slowed.res.body.error).toBe('invalid_credentials');
    // Unslowed, an attempt takes one argon2id verify: tens of milliseconds.
    expect(slowed.ms).toBeGreaterThanOrEqual(490);
  });
});
