import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../support/login.js';
import { seedContext } from '../../server/methods/totp.js';
import { newTotpSecret } from '../../server/methods/totp-core.js';
import { startCountingServer, type TestServer } from '../support/server.js';

const verifyTotp = (server: TestServer, flow: string, code: string) => server.post('/api/v1/flows/totp/verify', { flow, code });

describe('TOTP codes', () => {
  let server: TestServer;
  let secret: string;
  let used: string;
  beforeEach(async () => {
    server = await startCountingServer();
    const { flow } = await passwordStep(server);
    secret = (await server.post('/api/v1/flows/totp/enroll', { flow })).body.enrollment.secret;
    // Kept as sent: recomputing it later could land in the next time step.
    used = await totpAt(secret, server.services.now());
    expect((await verifyTotp(server, flow, used)).body.status).toBe('complete');
  });
  afterEach(() => server.stop());

  /** A code no time step within the accepted window produces. */
  async function wrongCode(): Promise<string> {
    const now = server.services.now().getTime();
    const valid = await Promise.all([-60_000, -30_000, 0, 30_000, 60_000].map((d) => totpAt(secret, new Date(now + d))));
    return ['000000', '111111', '222222'].find((c) => !valid.includes(c))!;
  }

  it('refuses a code already accepted, in a second login in the same time step', async () => {
    const { flow } = await passwordStep(server);
    const replay = await verifyTotp(server, flow, used);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: 'invalid_code', attemptsRemaining: 4 });
    expect(server.logs()).toMatch(/"msg":"TOTP code replayed"/);
  });

  it('refuses a code of an earlier step once a later one was used', async () => {
    const { flow } = await passwordStep(server);
    const earlier = await totpAt(secret, new Date(server.services.now().getTime() - 30_000));
    expect((await verifyTotp(server, flow, earlier)).body.error).toBe('invalid_code');
  });

  it("accepts the next time step's code, so the refusal is about replay alone", async () => {
    server.advance(30);
    const { flow } = await passwordStep(server);
    const next = await verifyTotp(server, flow, await totpAt(secret, server.services.now()));
    expect(next.body.status).toBe('complete');
  });

  it('lets only one of two logins racing with the same fresh code through', async () => {
    server.advance(30);
    const code = await totpAt(secret, server.services.now());
    const [a, b] = await Promise.all([passwordStep(server), passwordStep(server)]);
    const results = await Promise.all([verifyTotp(server, a.flow, code), verifyTotp(server, b.flow, code)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('ends the method after five wrong codes: then even the right code is refused in that flow', async () => {
    server.advance(30);
    const { flow } = await passwordStep(server);
    const wrong = await wrongCode();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await verifyTotp(server, flow, wrong)).body);
    expect(answers.map((a) => a.error)).toEqual(['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'too_many_attempts']);
    expect(answers.slice(0, 4).map((a) => a.attemptsRemaining)).toEqual([4, 3, 2, 1]);

    const right = await verifyTotp(server, flow, await totpAt(secret, server.services.now()));
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('too_many_attempts');
    // The other options of the step stay; TOTP is no longer one of them.
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.status).toBe('pending');
    expect(state.body.step.options.map((o: { method: string }) => o.method)).not.toContain('totp');
    expect(state.body.step.options.length).toBeGreaterThan(0);
  });

  it('limits wrong codes per account across flows, so a known password does not buy endless guesses', async () => {
    // Counters use fixed 15-minute windows: start just after one opens.
    server.advance(900 - (Math.floor(server.services.now().getTime() / 1000) % 900) + 1);
    const wrong = await wrongCode();
    for (let flows = 0; flows < 4; flows++) {
      const { flow } = await passwordStep(server);
      for (let i = 0; i < 5; i++) await verifyTotp(server, flow, wrong);
    }
    const { flow } = await passwordStep(server);
    const held = await verifyTotp(server, flow, await totpAt(secret, server.services.now()));
    expect(held.status).toBe(429);
    expect(held.body.error).toBe('rate_limited');
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);

    server.advance(900);
    const later = await passwordStep(server);
    expect((await verifyTotp(server, later.flow, await totpAt(secret, server.services.now()))).body.status).toBe('complete');
  });
});

describe('TOTP codes with several authenticator apps', () => {
  let server: TestServer;
  let first: string;
  let second: string;
  let userId: string;
  beforeEach(async () => {
    server = await startCountingServer();
    // Early in a time step, so codes made now are still of this step when they arrive.
    server.advance(30 - ((server.services.now().getTime() / 1000) % 30) + 1);
    const { flow } = await passwordStep(server);
    first = (await server.post('/api/v1/flows/totp/enroll', { flow })).body.enrollment.secret;
    expect((await verifyTotp(server, flow, await totpAt(first, server.services.now()))).body.status).toBe('complete');
    userId = (await server.services.store.findUserByUsername('alice'))!.id;
    second = newTotpSecret();
    const sealedSecret = server.services.keyring.seal(second, seedContext(userId));
    await server.services.store.addTotp({ userId, name: 'Token', sealedSecret, algorithm: 'sha1', digits: 6, period: 30 }, server.services.now(), 10);
  });
  afterEach(() => server.stop());

  it("refuses the other app's code of a time step already used, and logs it as a replay", async () => {
    const { flow } = await passwordStep(server);
    const refused = await verifyTotp(server, flow, await totpAt(second, server.services.now()));
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_code');
    expect(server.logs()).toMatch(/"msg":"TOTP code replayed"/);
  });

  it('lets one of many logins racing with both apps’ codes of one fresh step through', async () => {
    server.advance(30);
    const codes = [await totpAt(first, server.services.now()), await totpAt(second, server.services.now())];
    const flows = await Promise.all(Array.from({ length: 6 }, () => passwordStep(server)));
    const results = await Promise.all(flows.map(({ flow }, i) => verifyTotp(server, flow, codes[i % 2]!)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('never accepts a code further than two steps beyond the window, whatever drift is stored', async () => {
    const [, token] = await server.services.store.listTotp(userId);
    // A store that says the token runs far ahead (as if tampered with) still moves its window by 2 at most.
    await server.services.store.setTotp({ ...token!, recentOffsets: [9, 9, 9] }, server.services.now());
    for (const steps of [4, 5, 9]) {
      const { flow } = await passwordStep(server);
      const ahead = await totpAt(second, new Date(server.services.now().getTime() + steps * 30_000));
      expect((await verifyTotp(server, flow, ahead)).body.error).toBe('invalid_code');
    }
  });

  it('keeps no seed in the clear: each app is sealed under its own context', async () => {
    const apps = await server.services.store.listTotp(userId);
    expect(apps.length).toBeGreaterThanOrEqual(1);
    for (const app of apps) {
      expect(app.sealedSecret).toMatch(/^v1\./);
      expect(app.sealedSecret).not.toContain(first);
      expect(app.sealedSecret).not.toContain(second);
    }
  });
});
