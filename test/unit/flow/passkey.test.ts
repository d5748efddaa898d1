import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpAt } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assert as signWith, register, type SoftCredential } from '../../support/soft-authenticator.js';

const ORIGIN = 'https://app.example';
const from = { origin: ORIGIN };
const claimsOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString());

describe('passkeys', () => {
  let server: TestServer;
  const post = (path: string, body: unknown, headers = from) => server.post(path, body, headers);

  beforeEach(async () => {
    const clients = [
      {
        clientId: 'app',
        name: 'App',
        sequence: [
          ['password', 'passkey'],
          ['totp', 'passkey'],
        ],
        allowedOrigins: [ORIGIN],
      },
      {
        clientId: 'trusting',
        name: 'Trusting',
        sequence: [['password'], ['totp', 'passkey']],
        trustDevice: { enabled: true, days: 30 },
        allowedOrigins: [ORIGIN],
      },
      { clientId: 'solo', name: 'Solo', sequence: [['passkey']], passkeyAlone: true, allowedOrigins: [ORIGIN] },
      { clientId: 'both', name: 'Both', sequence: [['password', 'passkey'], ['totp']], passkeyAlone: true, allowedOrigins: [ORIGIN] },
    ];
    server = await startTestServer({ clients, passkeys: { rpId: 'app.example' } } as never);
  });
  afterEach(() => server.stop());

  const password = (flow: string, username = 'alice', secret = server.demo!.password) =>
    post('/api/v1/flows/password', { flow, username, password: secret });
  const start = async (clientId: string) => (await post('/api/v1/flows', { clientId })).body.flow as string;

  /** Alice signs in to `app` with her password and a first authenticator app. */
  async function signInWithTotp(clientId = 'app') {
    const flow = await start(clientId);
    await password(flow);
    const { enrollment } = (await post('/api/v1/flows/totp/enroll', { flow })).body;
    const done = await post('/api/v1/flows/totp/verify', { flow, code: await totpAt(enrollment.secret, server.services.now()) });
    expect(done.body.status).toBe('complete');
    return { flow, done };
  }

  /** Alice signs in and makes a passkey when offered. */
  async function withPasskey(options: { synced?: boolean } = {}): Promise<SoftCredential> {
    const { flow, done } = await signInWithTotp();
    expect(done.body.offers).toEqual(['passkey']);
    const made = await post('/api/v1/flows/passkey/register-options', { flow });
    expect(made.status).toBe(200);
    const { credential, response } = register(made.body.passkeyOptions, ORIGIN, options);
    const registered = await post('/api/v1/flows/passkey/register', { flow, response, name: 'Laptop' });
    expect(registered.status).toBe(200);
    expect(registered.body.offers).toBeUndefined();
    expect(registered.body.deviceToken).toBeUndefined();
    return credential;
  }

  async function passkeyStep(flow: string, credential: SoftCredential, options: Parameters<typeof signWith>[3] = {}, origin = ORIGIN) {
    const { passkeyOptions } = (await post('/api/v1/flows/passkey/options', { flow })).body;
    return post('/api/v1/flows/passkey/verify', { flow, response: signWith(credential, passkeyOptions, origin, options) });
  }

  it('offers a passkey after a complete sign-in and stores it with its counter, flags and name', async () => {
    await withPasskey({ synced: true });
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    const [stored] = await server.services.store.listPasskeys(alice.id);
    expect(stored).toMatchObject({ name: 'Laptop', counter: 0, transports: ['internal'], backupEligible: true, backedUp: true, lastUsedAt: null });
  });

  /** A browser's new device key, as the element sends it to `device/trust`. */
  const devicePublicKey = () => {
    const { kty, crv, x, y } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    return { kty, crv, x, y };
  };

  it('offers a passkey, then trusting the device, after one login; a passkey made then ends the offers', async () => {
    const { flow, done } = await signInWithTotp('trusting');
    expect(done.body.offers).toEqual(['passkey', 'device']);
    expect(done.body.trustDevice).toEqual({ days: 30 });
    const made = await post('/api/v1/flows/passkey/register-options', { flow });
    const registered = await post('/api/v1/flows/passkey/register', {
      flow,
      response: register(made.body.passkeyOptions, ORIGIN).response,
      name: 'Laptop',
    });
    expect(registered.status).toBe(200);
    expect(registered.body.offers).toBeUndefined();
    expect((await post('/api/v1/flows/device/trust', { flow, publicKey: devicePublicKey() })).body.error).toBe('method_not_allowed');
  });

  it('trusts the device when the passkey offer is left', async () => {
    const { flow, done } = await signInWithTotp('trusting');
    expect(done.body.offers).toEqual(['passkey', 'device']);
    const trusted = await post('/api/v1/flows/device/trust', { flow, publicKey: devicePublicKey() });
    expect(trusted.status).toBe(201);
    expect(trusted.body.device.name).toEqual(expect.any(String));
  });

  it('makes a passkey only on a completed login it offers it on, with the challenge it handed out', async () => {
    const flow = await start('app');
    expect((await post('/api/v1/flows/passkey/register-options', { flow })).body.error).toBe('method_not_allowed');
    const { flow: done } = await signInWithTotp();
    const first = (await post('/api/v1/flows/passkey/register-options', { flow: done })).body.passkeyOptions;
    await post('/api/v1/flows/passkey/register-options', { flow: done });
    // The first challenge was replaced: an answer to it is refused.
    const stale = await post('/api/v1/flows/passkey/register', { flow: done, response: register(first, ORIGIN).response });
    expect(stale.body.error).toBe('invalid_credentials');
    server.advance(301);
    expect((await post('/api/v1/flows/passkey/register-options', { flow: done })).body.error).toBe('method_not_allowed');
  });

  it('signs in with a passkey as the second factor, amr saying which kind', async () => {
    const credential = await withPasskey();
    const flow = await start('app');
    const state = (await password(flow)).body;
    expect(state.step.options).toContainEqual({ method: 'passkey', discoverable: false, attemptsRemaining: 5 });
    const options = (await post('/api/v1/flows/passkey/options', { flow })).body.passkeyOptions;
    expect(options.allowCredentials).toEqual([{ id: credential.id, type: 'public-key', transports: ['internal'] }]);
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const done = await post('/api/v1/flows/passkey/verify', { flow, response: signWith(credential, options, ORIGIN) });
    expect(done.body.status).toBe('complete');
    const claims = claimsOf(done.body.result.idToken);
    expect(claims.amr.sort()).toEqual(['hwk', 'mfa', 'pwd', 'user']);
    expect(claims.methods).toEqual(['password', 'passkey']);
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    expect((await server.services.store.listPasskeys(alice.id))[0]).toMatchObject({ counter: 1, lastUsedAt: expect.any(String) });
  });

  it('signs in without a password where the client lets a user-verifying passkey alone', async () => {
    const credential = await withPasskey({ synced: true });
    const flow = await start('solo');
    const started = (await post('/api/v1/flows/introspect', { flow })).body;
    expect(started.step.options).toEqual([{ method: 'passkey', discoverable: true, attemptsRemaining: 5 }]);
    const options = (await post('/api/v1/flows/passkey/options', { flow })).body.passkeyOptions;
    expect(options.allowCredentials).toEqual([]);
    const done = await post('/api/v1/flows/passkey/verify', { flow, response: signWith(credential, options, ORIGIN) });
    expect(done.body).toMatchObject({ status: 'complete', user: { username: 'alice' } });
    const claims = claimsOf(done.body.result.idToken);
    expect(claims.amr).toEqual(['swk', 'user', 'mfa']);
    expect(claims.methods).toEqual(['passkey']);
  });

  it('satisfies the whole sequence from the first step only with passkeyAlone and user verification', async () => {
    const credential = await withPasskey();
    const both = await start('both');
    expect((await passkeyStep(both, credential)).body.status).toBe('complete');
    // Without user verification it is one factor: the next step follows.
    const again = await start('both');
    const state = (await passkeyStep(again, credential, { userVerified: false })).body;
    expect(state).toMatchObject({ status: 'pending', step: { number: 2 }, user: { username: 'alice' } });
    // `app` does not let a passkey alone through: it satisfies its step, no more.
    const app = await start('app');
    expect((await passkeyStep(app, credential)).body).toMatchObject({ status: 'pending', step: { number: 2 } });
  });

  it('refuses a passkey alone where it would end the sequence without user verification', async () => {
    const credential = await withPasskey();
    const flow = await start('solo');
    const res = await passkeyStep(flow, credential, { userVerified: false });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('method_not_allowed');
  });

  it("refuses another user's passkey after the password named someone else", async () => {
    const credential = await withPasskey();
    const { store, passwords, now } = server.services;
    await store.createUser(
      { username: 'bob', displayName: 'Bob', passwordHash: await passwords.hash('bob-password-1'), email: 'bob@example.com' },
      now(),
    );
    const flow = await start('app');
    expect((await password(flow, 'bob', 'bob-password-1')).status).toBe(200);
    // Bob has no passkey: the option is not offered, and a call is refused.
    const res = await post('/api/v1/flows/passkey/options', { flow });
    expect(res.body.error).toBe('method_not_allowed');
    // Passwordless, a passkey whose user handle names someone else is refused too.
    const solo = await start('solo');
    const options = (await post('/api/v1/flows/passkey/options', { flow: solo })).body.passkeyOptions;
    const response = signWith(credential, options, ORIGIN);
    const bob = (await store.findUserByUsername('bob'))!;
    response.response.userHandle = Buffer.from(bob.id).toString('base64url');
    const refused = await post('/api/v1/flows/passkey/verify', { flow: solo, response });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'invalid_credentials', attemptsRemaining: 4 });
  });

  it('refuses a removed passkey', async () => {
    const credential = await withPasskey();
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    const [stored] = await server.services.store.listPasskeys(alice.id);
    expect(await server.services.store.deletePasskey(alice.id, stored!.id)).toBe(true);
    const res = await passkeyStep(await start('solo'), credential);
    expect(res.body.error).toBe('invalid_credentials');
  });

  it('refuses a cloned passkey whose counter went back, and logs it', async () => {
    const credential = await withPasskey();
    expect((await passkeyStep(await start('solo'), credential, { signCount: 7 })).body.status).toBe('complete');
    const res = await passkeyStep(await start('solo'), credential, { signCount: 5 });
    expect(res.body.error).toBe('invalid_credentials');
    const same = await passkeyStep(await start('solo'), credential, { signCount: 7 });
    expect(same.body.error).toBe('invalid_credentials');
    expect(server.logs()).toContain('possible cloned authenticator');
    expect((await passkeyStep(await start('solo'), credential, { signCount: 8 })).body.status).toBe('complete');
  });

  it('takes each challenge once, for its own flow and from an allowed origin only', async () => {
    const credential = await withPasskey();
    const flow = await start('solo');
    const options = (await post('/api/v1/flows/passkey/options', { flow })).body.passkeyOptions;
    const response = signWith(credential, options, ORIGIN);
    const other = await start('solo');
    await post('/api/v1/flows/passkey/options', { flow: other });
    const crossed = await post('/api/v1/flows/passkey/verify', { flow: other, response });
    expect(crossed.body, JSON.stringify(crossed.body)).toMatchObject({ error: 'invalid_credentials' });
    // Answered without asking first: there is no challenge to answer.
    expect((await post('/api/v1/flows/passkey/verify', { flow: other, response })).body.error).toBe('invalid_request');
    const elsewhere = await passkeyStep(await start('solo'), credential, {}, 'https://evil.example');
    expect(elsewhere.body.error).toBe('invalid_credentials');
    // In its own flow the answer goes through, once.
    expect((await post('/api/v1/flows/passkey/verify', { flow, response })).body.status).toBe('complete');
    expect((await post('/api/v1/flows/passkey/verify', { flow, response })).body.error).toBe('method_not_allowed');
  });

  it('ends the passkey option after too many refusals', async () => {
    const credential = await withPasskey();
    const flow = await start('app');
    await password(flow);
    for (let i = 0; i < 5; i++) await passkeyStep(flow, credential, {}, 'https://evil.example');
    const state = (await post('/api/v1/flows/introspect', { flow })).body;
    expect(state.step.options.map((o: { method: string }) => o.method)).toEqual(['totp']);
  });

  it('names the passkey values in discovery', async () => {
    const { body } = await server.get('/.well-known/openid-configuration');
    expect(body.amr_values_supported).toEqual(expect.arrayContaining(['hwk', 'swk', 'user', 'mfa']));
  });
});
