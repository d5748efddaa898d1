import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceName } from '../../../server/auth/trusted-devices.js';
import { enrolTotp, passwordStep, totpAt } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';
import { startStepUp, stepUp, proofKey } from '../../support/step-up.js';
import { deviceKey, signChallenge, useDevice, type DeviceKey } from '../../support/trusted-device.js';
import { bearer } from '../self-service/signed-in.js';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describe('trusted devices ("remember this device")', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({}, { trustDevices: true });
  });
  afterEach(() => server.stop());

  /** Alice signs in with password and authenticator; this browser then trusts itself. */
  async function trusted(): Promise<{ secret: string; idToken: string; id: string; key: DeviceKey }> {
    const { flow, secret, done } = await enrolTotp(server);
    expect(done.body.trustDevice).toEqual({ days: 30 });
    const key = await deviceKey();
    const res = await server.post('/api/v1/flows/device/trust', { flow, publicKey: key.jwk }, { 'user-agent': CHROME_LINUX });
    expect(res.status).toBe(201);
    return { secret, idToken: done.body.result.idToken, id: res.body.device.id, key };
  }

  const options = (state: { step?: { options: { method: string }[] } }) => state.step?.options.map((o) => o.method);

  it("registers the key after a full login, named from the user agent, for the client's 30 days", async () => {
    const { id } = await trusted();
    const [device] = await server.services.store.listTrustedDevices(
      (await server.services.store.findUserByUsername('alice'))!.id,
      server.services.now(),
    );
    expect(device).toMatchObject({ id, name: 'Chrome on Linux', lastUsedAt: null, clientId: 'demo' });
    expect(Date.parse(device!.expiresAt) - Date.parse(device!.createdAt)).toBe(30 * 86_400_000);
    expect(JSON.stringify(device!.publicJwk)).not.toMatch(/"d"/);
  });

  it('skips the second step with a signature of a fresh challenge, and says so in amr', async () => {
    const { id, key } = await trusted();
    const { flow, state } = await passwordStep(server);
    expect(options(state)).toEqual(['totp', 'sms', 'backup_code', 'email', 'device']);
    const done = await useDevice(server, flow, id, key);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('complete');
    expect(done.body.trustDevice).toBeUndefined();
    const claims = decodeJwt(done.body.result.idToken);
    expect(claims.amr).toEqual(['pwd', 'swk', 'device', 'mfa']);
    expect(claims.methods).toEqual(['password', 'device']);
    const [device] = await server.services.store.listTrustedDevices(String(claims.sub), server.services.now());
    expect(server.services.now().getTime() - Date.parse(device!.lastUsedAt!)).toBeLessThan(5000);
  });

  it('never skips the first step', async () => {
    const { id, key } = await trusted();
    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    expect(options(started.body)).toEqual(['password', 'passkey']);
    const res = await useDevice(server, started.body.flow, id, key);
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('method_not_allowed');
    const trustAgain = await server.post('/api/v1/flows/device/trust', { flow: started.body.flow, publicKey: key.jwk });
    expect(trustAgain.body.error).toBe('method_not_allowed');
  });

  it('takes each challenge once: a replaced, spent or expired challenge is refused', async () => {
    const { id, key } = await trusted();
    const { flow } = await passwordStep(server);
    const first = (await server.post('/api/v1/flows/device/challenge', { flow })).body.deviceChallenge.challenge;
    const second = (await server.post('/api/v1/flows/device/challenge', { flow })).body.deviceChallenge.challenge;
    expect(second).not.toBe(first);
    const replaced = await server.post('/api/v1/flows/device/verify', { flow, deviceId: id, signature: await signChallenge(key, first) });
    expect(replaced.status).toBe(401);
    expect(replaced.body).toMatchObject({ error: 'invalid_credentials', attemptsRemaining: 2 });
    // The refusal spent the second one too.
    const spent = await server.post('/api/v1/flows/device/verify', { flow, deviceId: id, signature: await signChallenge(key, second) });
    expect(spent.body.error).toBe('invalid_request');

    const third = (await server.post('/api/v1/flows/device/challenge', { flow })).body.deviceChallenge;
    const lifetime = Date.parse(third.expiresAt) - server.services.now().getTime();
    expect(lifetime).toBeGreaterThan(55_000);
    expect(lifetime).toBeLessThanOrEqual(60_000);
    server.advance(61);
    const late = await server.post('/api/v1/flows/device/verify', { flow, deviceId: id, signature: await signChallenge(key, third.challenge) });
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('code_expired');
  });

  it('refuses a signature from another key, and stops offering the device after 3 refusals', async () => {
    const { id } = await trusted();
    const other = await deviceKey();
    const { flow } = await passwordStep(server);
    for (const left of [2, 1])
      expect((await useDevice(server, flow, id, other)).body).toMatchObject({ error: 'invalid_credentials', attemptsRemaining: left });
    expect((await useDevice(server, flow, id, other)).body.error).toBe('too_many_attempts');
    const state = (await server.post('/api/v1/flows/introspect', { flow })).body;
    expect(state.status).toBe('pending');
    expect(options(state)).toEqual(['totp', 'sms', 'backup_code', 'email']);
  });

  it("refuses another user's device", async () => {
    const { id, key } = await trusted();
    const { services } = server;
    const bob = await services.store.createUser(
      { username: 'bob', displayName: 'Bob', passwordHash: await services.passwords.hash('bob-password-1') },
      services.now(),
    );
    const bobs = await deviceKey();
    await services.store.addTrustedDevice(
      {
        id: 'bob-device-0000000000',
        userId: bob.id,
        clientId: 'demo',
        publicJwk: bobs.jwk as never,
        name: 'Firefox on Windows',
        expiresAt: '2999-01-01T00:00:00.000Z',
      },
      services.now(),
    );
    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    const flow = started.body.flow;
    const pw = await server.post('/api/v1/flows/password', { flow, username: 'bob', password: 'bob-password-1' });
    expect(options(pw.body)).toContain('device');
    // Alice's device, signed with Alice's own key, in Bob's login.
    const res = await useDevice(server, flow, id, key);
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_credentials');
  });

  it('refuses a revoked device and stops offering it once none is left', async () => {
    const { id, key, secret } = await trusted();
    const second = await deviceKey();
    const f2 = await fullLogin(secret);
    const added = await server.post('/api/v1/flows/device/trust', { flow: f2, publicKey: second.jwk });
    const aliceId = (await server.services.store.findUserByUsername('alice'))!.id;
    expect(await server.services.store.deleteTrustedDevice(aliceId, id)).toBe(true);

    const { flow } = await passwordStep(server);
    expect((await useDevice(server, flow, id, key)).body.error).toBe('invalid_credentials');
    expect((await useDevice(server, flow, added.body.device.id, second)).body.status).toBe('complete');

    await server.services.store.deleteTrustedDevices(aliceId);
    expect(options((await passwordStep(server)).state)).not.toContain('device');
  });

  /** A later full login with alice's authenticator: a second browser could trust itself now. */
  async function fullLogin(secret: string) {
    server.advance(30);
    const { flow } = await passwordStep(server);
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(done.body.status).toBe('complete');
    return flow;
  }

  it('trusts one device per flow, and none after a login the device itself completed', async () => {
    const { id, key } = await trusted();
    const { flow } = await passwordStep(server);
    await useDevice(server, flow, id, key);
    const again = await server.post('/api/v1/flows/device/trust', { flow, publicKey: (await deviceKey()).jwk });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('method_not_allowed');
  });

  it('refuses a private key', async () => {
    const { flow } = await enrolTotp(server);
    const key = await deviceKey();
    const res = await server.post('/api/v1/flows/device/trust', { flow, publicKey: { ...key.jwk, d: key.jwk.x } });
    expect(res.status).toBe(400);
  });

  it('is never offered in a settings step-up, even to a device that skipped the second step of the login', async () => {
    const { id, key } = await trusted();
    const { flow } = await passwordStep(server);
    const login = await useDevice(server, flow, id, key);
    const dpop = await proofKey();
    const started = await startStepUp(server, login.body.result.idToken, dpop);
    expect(started.res.status).toBe(201);
    expect(options(started.res.body)).not.toContain('device');
    const tried = await useDevice(server, started.flow, id, key);
    expect(tried.status).toBe(409);
    expect(tried.body.error).toBe('method_not_allowed');
    expect(started.res.body.trustDevice).toBeUndefined();
  });

  it('is not offered by a client that does not trust devices', async () => {
    await server.stop();
    server = await startCountingServer({
      clients: [{ clientId: 'plain', name: 'Plain', sequence: [['password'], ['totp']] }],
    });
    const started = await server.post('/api/v1/flows', { clientId: 'plain' });
    const flow = started.body.flow;
    await server.post('/api/v1/flows/password', { flow, username: server.demo!.username, password: server.demo!.password });
    const enrolled = await server.post('/api/v1/flows/totp/enroll', { flow });
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(enrolled.body.enrollment.secret, server.services.now()) });
    expect(done.body.status).toBe('complete');
    expect(done.body.trustDevice).toBeUndefined();
    const res = await server.post('/api/v1/flows/device/trust', { flow, publicKey: (await deviceKey()).jwk });
    expect(res.body.error).toBe('method_not_allowed');
  });

  it("stands in for the second step of the client's default sequence only, not of a named acr", async () => {
    await server.stop();
    const twoSteps = [['password'], ['totp', 'email']] as [['password'], ['totp', 'email']];
    server = await startCountingServer({
      clients: [{ clientId: 'shop', name: 'Shop', sequence: twoSteps, acrSequences: { high: twoSteps }, trustDevice: { enabled: true, days: 7 } }],
    });
    const { store } = server.services;
    const alice = (await store.findUserByUsername('alice'))!;
    const { jwk } = await deviceKey();
    await store.addTrustedDevice(
      {
        id: 'shop-device-000000000',
        userId: alice.id,
        clientId: 'shop',
        publicJwk: jwk as never,
        name: 'Chrome on Linux',
        expiresAt: '2999-01-01T00:00:00.000Z',
      },
      server.services.now(),
    );
    expect(options((await passwordStep(server, 'shop')).state)).toContain('device');
    const high = (await server.post('/api/v1/flows', { clientId: 'shop', acr: 'high' })).body.flow;
    const pw = await server.post('/api/v1/flows/password', { flow: high, username: 'alice', password: server.demo!.password });
    expect(options(pw.body)).toEqual(['totp', 'email']);
  });

  describe('in settings', () => {
    it('lists the devices with an id_token, and revokes one, then all, only with a settings grant', async () => {
      const { id, idToken, secret } = await trusted();
      const listed = await server.get('/api/v1/me/devices', bearer(idToken));
      expect(listed.status).toBe(200);
      expect(listed.body.devices).toEqual([
        { id, name: 'Chrome on Linux', createdAt: expect.any(String), lastUsedAt: null, expiresAt: expect.any(String) },
      ]);
      const withIdToken = await server.post('/api/v1/me/devices/revoke', { id }, bearer(idToken));
      expect(withIdToken.status).toBe(401);
      expect(withIdToken.body.stepUp).toBe(true);

      const me = await stepUp(server, idToken, secret);
      expect((await me.post('/api/v1/me/devices/revoke', { id: 'no-such-device' })).body.error).toBe('not_found');
      const revoked = await me.post('/api/v1/me/devices/revoke', { id });
      expect(revoked.status).toBe(200);
      expect(revoked.body.devices).toEqual([]);
      expect(options((await passwordStep(server)).state)).not.toContain('device');
    });

    it('revokes every device at once', async () => {
      const { idToken, secret } = await trusted();
      const me = await stepUp(server, idToken, secret);
      expect((await me.post('/api/v1/me/devices/revoke-all', {})).body.devices).toEqual([]);
      expect((await server.get('/api/v1/me/devices', bearer(idToken))).body.devices).toEqual([]);
    });

    it('revokes them when a new authenticator replaces the old one', async () => {
      const { idToken, secret } = await trusted();
      const me = await stepUp(server, idToken, secret);
      const { enrollment } = (await me.post('/api/v1/me/totp/enroll', {})).body;
      server.advance(30);
      expect((await me.post('/api/v1/me/totp/verify', { code: await totpAt(enrollment.secret, server.services.now()) })).status).toBe(200);
      expect((await server.get('/api/v1/me/devices', bearer(idToken))).body.devices).toEqual([]);
    });
  });
});

describe('device names', () => {
  it.each([
    [CHROME_LINUX, 'Chrome on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Windows'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari on iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [undefined, 'Unknown browser'],
  ])('%s → %s', (ua, name) => {
    expect(deviceName(ua)).toBe(name);
  });
});
