import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';
import { signInForSettings, signInWithTotp } from './signed-in.js';
import { stepUp, type SettingsSession } from '../../support/step-up.js';

describe('self-service: setting up a new authenticator app', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer();
  });
  afterEach(() => server.stop());

  async function enrol(me: SettingsSession) {
    const res = await me.post('/api/v1/me/totp/enroll', {});
    expect(res.status).toBe(200);
    return res.body.enrollment as { secret: string; otpauthUri: string; qrDataUrl: string; qrSvg: string };
  }

  it('shows a new secret as a QR code and a Key Uri Format URI, the same one until confirmed', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const enrollment = await enrol(me);
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.secret).not.toBe(old);
    expect(enrollment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrollment.qrSvg).toMatch(/^<svg/);
    const uri = new URL(enrollment.otpauthUri);
    expect(decodeURIComponent(uri.pathname)).toBe('/mfa-login:alice');
    expect(uri.searchParams.get('secret')).toBe(enrollment.secret);
    expect((await enrol(me)).secret).toBe(enrollment.secret);
  });

  it('adds the new app beside the first: a code from either signs in', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const confirmed = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()), name: ' Tablet ' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.factors.totp).toEqual({
      enrolled: true,
      authenticators: [
        { id: expect.any(String), name: 'Authenticator', createdAt: expect.any(String), lastUsedAt: expect.any(String) },
        { id: expect.any(String), name: 'Tablet', createdAt: expect.any(String), lastUsedAt: null },
      ],
    });
    expect(server.logs()).toMatch(/"change":"totp-added"/);

    expect((await signInWithTotp(server, old)).body.status).toBe('complete');
    expect((await signInWithTotp(server, secret)).body.status).toBe('complete');
  });

  it('names an app without a name "Authenticator" and a number', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const confirmed = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(confirmed.body.factors.totp.authenticators.map((a: { name: string }) => a.name)).toEqual(['Authenticator', 'Authenticator 2']);
  });

  it('keeps the pending secret after a wrong code, so the next code from the same app confirms it', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const right = await totpAt(secret, server.services.now());
    const wrong = await me.post('/api/v1/me/totp/verify', { code: right === '000000' ? '111111' : '000000' });
    expect(wrong.body).toMatchObject({ error: 'invalid_code', attemptsRemaining: 4 });
    expect((await enrol(me)).secret).toBe(secret);
    expect((await me.post('/api/v1/me/totp/verify', { code: right })).status).toBe(200);
  });

  it('refuses an eleventh app', async () => {
    const { me } = await signInForSettings(server);
    const user = (await server.services.store.findUserByUsername('alice'))!;
    for (let i = 0; i < 9; i++) {
      await server.services.store.addTotp(
        { userId: user.id, name: `App ${i}`, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 },
        new Date(),
        10,
      );
    }
    const { secret } = await enrol(me);
    const res = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('method_not_allowed');
    expect(await server.services.store.listTotp(user.id)).toHaveLength(10);
  });

  it('keeps the old app until the new one is confirmed', async () => {
    const { me, secret: old } = await signInForSettings(server);
    await enrol(me);
    expect((await signInWithTotp(server, old)).body.status).toBe('complete');
  });

  it('does not accept the confirming code again in a login in the same time step', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    server.advance(30);
    const code = await totpAt(secret, server.services.now());
    expect((await me.post('/api/v1/me/totp/verify', { code })).status).toBe(200);
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/totp/verify', { flow, code })).body.error).toBe('invalid_code');
  });

  it('asks to start the set-up before a code', async () => {
    const { me } = await signInForSettings(server);
    const res = await me.post('/api/v1/me/totp/verify', { code: '123456' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('enrollment_required');
  });

  it('allows totp.maxAttempts wrong codes, then refuses even the right one until a new step-up', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await me.post('/api/v1/me/totp/verify', { code: '000000' })).body);
    expect(answers.slice(0, 4).map((a) => a.attemptsRemaining)).toEqual([4, 3, 2, 1]);
    expect(answers.slice(0, 4).every((a) => a.error === 'invalid_code')).toBe(true);
    expect(answers[4]).toMatchObject({ error: 'too_many_attempts', stepUp: true });
    const right = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(right.status).toBe(429);
    expect((await signInWithTotp(server, old)).body.status).toBe('complete');
  });

  it('keeps a pending secret to the settings grant that asked for it', async () => {
    const first = await signInForSettings(server);
    const { secret } = await enrol(first.me);
    const other = await stepUp(server, first.idToken, first.secret);
    const res = await other.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(res.body.error).toBe('enrollment_required');
    expect((await enrol(other)).secret).not.toBe(secret);
  });

  it('confirms a code only once when two requests race', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const code = await totpAt(secret, server.services.now());
    const results = await Promise.all([1, 2].map(() => me.post('/api/v1/me/totp/verify', { code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('stores the new seed sealed, not as the secret itself', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    const user = await server.services.store.findUserByUsername('alice');
    const credential = (await server.services.store.listTotp(user!.id))[1];
    expect(credential!.sealedSecret).toMatch(/^v1\./);
    expect(credential!.sealedSecret).not.toContain(secret);
  });
});

describe('self-service: removing and renaming an authenticator app', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer();
  });
  afterEach(() => server.stop());

  /** Alice with her first app and a second one added in settings. */
  async function twoApps() {
    const signedIn = await signInForSettings(server);
    const { secret } = (await signedIn.me.post('/api/v1/me/totp/enroll', {})).body.enrollment;
    const added = await signedIn.me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()), name: 'Tablet' });
    const [first, second] = added.body.factors.totp.authenticators as { id: string; name: string }[];
    return { ...signedIn, first: { ...first!, secret: signedIn.secret }, second: { ...second!, secret: secret as string } };
  }

  it('removes one app: its codes stop working, the other keeps working', async () => {
    const { me, first, second } = await twoApps();
    const removed = await me.post('/api/v1/me/totp/remove', { id: first.id });
    expect(removed.status).toBe(200);
    expect(removed.body.factors.totp.authenticators.map((a: { id: string }) => a.id)).toEqual([second.id]);
    expect(server.logs()).toMatch(/"change":"totp-removed"/);
    expect((await signInWithTotp(server, first.secret)).body.error).toBe('invalid_code');
    expect((await signInWithTotp(server, second.secret)).body.status).toBe('complete');
  });

  it('keeps the last app: without it no change could be confirmed', async () => {
    const { me, first, second } = await twoApps();
    expect((await me.post('/api/v1/me/totp/remove', { id: first.id })).status).toBe(200);
    const last = await me.post('/api/v1/me/totp/remove', { id: second.id });
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('method_not_allowed');
    expect((await signInWithTotp(server, second.secret)).body.status).toBe('complete');
  });

  it('removes only one of two apps when both removals race', async () => {
    const { me, first, second } = await twoApps();
    const results = await Promise.all([first, second].map((a) => me.post('/api/v1/me/totp/remove', { id: a.id })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const user = (await server.services.store.findUserByUsername('alice'))!;
    expect(await server.services.store.listTotp(user.id)).toHaveLength(1);
  });

  it('renames an app, and trims the name', async () => {
    const { me, second } = await twoApps();
    const renamed = await me.post('/api/v1/me/totp/rename', { id: second.id, name: '  Old tablet ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.factors.totp.authenticators[1]).toMatchObject({ id: second.id, name: 'Old tablet' });
  });

  it('refuses an empty or overlong name', async () => {
    const { me, second } = await twoApps();
    for (const name of ['   ', 'x'.repeat(65)]) {
      const res = await me.post('/api/v1/me/totp/rename', { id: second.id, name });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
  });

  it("answers not_found for an id that is not one of the user's apps", async () => {
    const { me, first } = await twoApps();
    const bob = await server.services.store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h' }, new Date());
    const bobs = await server.services.store.addTotp({ userId: bob.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, new Date(), 10);
    for (const [path, body] of [
      ['/api/v1/me/totp/remove', { id: bobs!.id }],
      ['/api/v1/me/totp/rename', { id: bobs!.id, name: 'Mine now' }],
      ['/api/v1/me/totp/remove', { id: 'no-such-app' }],
    ] as const) {
      const res = await me.post(path, body);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
    expect((await server.services.store.listTotp(bob.id))[0]).toMatchObject({ name: 'Authenticator' });
    expect((await me.post('/api/v1/me/totp/rename', { id: first.id, name: 'Phone' })).status).toBe(200);
  });
});

describe('self-service: a change whose row expired while the settings grant is still valid', () => {
  let server: TestServer;
  beforeEach(async () => {
    // A change's row lives for the flow lifetime; the grant may outlive it.
    server = await startCountingServer({ flow: { ttlSeconds: 60 }, selfService: { grantSeconds: 600 } });
  });
  afterEach(() => server.stop());

  it('starts over with a new expiry: the secret shown after it is the one a code confirms', async () => {
    const { me } = await signInForSettings(server);
    const first = await me.post('/api/v1/me/totp/enroll', {});
    expect(first.status).toBe(200);
    server.advance(61);
    const again = await me.post('/api/v1/me/totp/enroll', {});
    expect(again.status).toBe(200);
    const { secret } = again.body.enrollment;
    expect(secret).not.toBe(first.body.enrollment.secret);
    const confirmed = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.factors.totp.authenticators).toHaveLength(2);
  });
});
