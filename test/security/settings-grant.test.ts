import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../support/login.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { SETTINGS_CHANGES as CHANGES, proofFor, proofKey, settingsSession, startStepUp, stepUp } from '../support/step-up.js';
import { freshSignIn } from './support.js';

const OTHER_ORIGIN = 'https://shop.example';

describe('settings changes: an id_token is no key to the factors', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({
      tokens: { idTokenTtlSeconds: 3600 },
      clients: [{ clientId: 'shop', name: 'Another client', allowedOrigins: [OTHER_ORIGIN], sequence: [['password'], ['totp']] }],
    });
  });
  afterEach(() => server.stop());

  /** Alice signs in to the other client, whose backend then holds her id_token. */
  async function otherClientsToken(secret: string) {
    server.advance(30);
    const { flow } = (await server.post('/api/v1/flows', { clientId: 'shop' }, { origin: OTHER_ORIGIN })).body;
    await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, { origin: OTHER_ORIGIN });
    const done = await server.post(
      '/api/v1/flows/totp/verify',
      { flow, code: await totpAt(secret, server.services.now()) },
      { origin: OTHER_ORIGIN },
    );
    return done.body.result.idToken as string;
  }

  it('refuses every change with any client’s id_token, fresh or not, with or without Origin, however often', async () => {
    const { idToken, secret, backupCodes } = await freshSignIn(server);
    const tokens = [idToken, await otherClientsToken(secret)];
    for (const token of tokens) {
      for (const origin of [undefined, server.url, OTHER_ORIGIN]) {
        for (const [path, body] of CHANGES) {
          const res = await server.post(path, body, { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) });
          expect([401, 403], `${path} from ${origin}`).toContain(res.status);
        }
      }
    }
    // Nothing changed: the backup codes handed out at enrolment still work.
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/backup-code/verify', { flow, code: backupCodes[0] })).body.status).toBe('complete');
  });

  it('refuses an id_token sent under the DPoP scheme, and a grant sent as a Bearer id_token', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const key = await proofKey();
    const asDpop = await server.post(
      '/api/v1/me/backup-codes',
      {},
      {
        authorization: `DPoP ${idToken}`,
        dpop: await proofFor(key, 'POST', `${server.url}/api/v1/me/backup-codes`, idToken),
        origin: server.url,
      },
    );
    expect(asDpop.status).toBe(401);
    const me = await stepUp(server, idToken, secret);
    expect((await server.post('/api/v1/me/backup-codes', {}, { authorization: `Bearer ${me.grant}`, origin: server.url })).status).toBe(401);
    expect((await server.get('/api/v1/me', { authorization: `Bearer ${me.grant}` })).status).toBe(401);
  });

  it('never lets a relying party take a settings grant for an id_token', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const me = await stepUp(server, idToken, secret);
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    await expect(jwtVerify(me.grant, jwks, { issuer: server.url, audience: 'demo', currentDate: server.services.now() })).rejects.toThrow();
    expect(decodeProtectedHeader(me.grant).typ).toBe('mfa-settings+jwt');
    expect(decodeJwt(me.grant)).toMatchObject({
      aud: `${server.url}/api/v1/me`,
      client_id: 'demo',
      origin: server.url,
      cnf: { jkt: expect.any(String) },
    });
  });

  it('refuses a copied grant: no proof, a proof by another key, a replayed proof, a proof for another call', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const me = await stepUp(server, idToken, secret);
    const path = '/api/v1/me/backup-codes';
    const url = server.url + path;
    const base = { authorization: `DPoP ${me.grant}`, origin: server.url };
    const thief = await proofKey();
    const attempts: Record<string, string>[] = [
      base,
      { ...base, dpop: await proofFor(thief, 'POST', url, me.grant) },
      // The thief's proof under the victim's public key: the signature does not verify.
      { ...base, dpop: await proofFor(thief, 'POST', url, me.grant, {}, me.key.jwk) },
      { ...base, dpop: await proofFor(me.key, 'GET', url, me.grant) },
      { ...base, dpop: await proofFor(me.key, 'POST', `${server.url}/api/v1/me/totp/enroll`, me.grant) },
      { ...base, dpop: await proofFor(me.key, 'POST', url, 'another-token') },
      { ...base, dpop: await proofFor(me.key, 'POST', url, me.grant, { iat: Math.floor(Date.now() / 1000) - 600 }) },
    ];
    for (const headers of attempts) {
      const res = await server.post(path, {}, headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'unauthorized', stepUp: true });
    }
    const proof = await proofFor(me.key, 'POST', url, me.grant);
    expect((await server.post(path, {}, { ...base, dpop: proof })).status).toBe(200);
    expect((await server.post(path, {}, { ...base, dpop: proof })).status).toBe(401);
  });

  it('refuses a grant from another origin, or from a backend without one', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const me = await stepUp(server, idToken, secret);
    for (const origin of [OTHER_ORIGIN, undefined]) {
      const headers = await me.headers('POST', '/api/v1/me/backup-codes');
      if (origin) headers.origin = origin;
      else delete headers.origin;
      expect((await server.post('/api/v1/me/backup-codes', {}, headers)).status).toBe(401);
    }
  });

  it('binds a grant to the client and the user of the step-up: another client’s token starts no step-up for this one', async () => {
    const { secret } = await freshSignIn(server);
    const shopToken = await otherClientsToken(secret);
    const key = await proofKey();
    const res = await server.post(
      '/api/v1/flows',
      { clientId: 'demo', purpose: 'settings', idToken: shopToken, dpopKey: key.jwk },
      { origin: server.url },
    );
    expect([401, 403]).toContain(res.status);
    expect(res.body.flow).toBeUndefined();
  });

  it('runs a step-up only in a browser of an origin the client lists, and with a public key', async () => {
    const { idToken } = await freshSignIn(server);
    const key = await proofKey();
    const body = { clientId: 'demo', purpose: 'settings', idToken, dpopKey: key.jwk };
    expect((await server.post('/api/v1/flows', body)).body.error).toBe('origin_not_allowed');
    expect((await server.post('/api/v1/flows', body, { origin: OTHER_ORIGIN })).body.error).toBe('origin_not_allowed');
    expect((await server.post('/api/v1/flows', { ...body, dpopKey: undefined }, { origin: server.url })).body.error).toBe('invalid_request');
    const privateJwk = { ...key.jwk, d: 'A'.repeat(43) };
    expect((await server.post('/api/v1/flows', { ...body, dpopKey: privateJwk }, { origin: server.url })).body.error).toBe('invalid_request');
  });
});

describe('settings changes: the step-up', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ tokens: { idTokenTtlSeconds: 3600 } });
  });
  afterEach(() => server.stop());

  it('asks a recent sign-in for a second factor only, and an older one for the password too', async () => {
    const { idToken } = await freshSignIn(server);
    const key = await proofKey();
    const recent = (await startStepUp(server, idToken, key)).res.body;
    expect(recent).toMatchObject({ purpose: 'settings', status: 'pending', step: { number: 1, total: 1 } });
    expect(recent.step.options.map((o: { method: string }) => o.method)).toEqual(['totp', 'sms', 'email']);
    server.advance(301);
    const older = (await startStepUp(server, idToken, key)).res.body;
    expect(older.step).toMatchObject({ number: 1, total: 2, options: [{ method: 'password' }] });
  });

  it('needs a second factor: a password alone makes no grant', async () => {
    const { idToken } = await freshSignIn(server);
    server.advance(301);
    const key = await proofKey();
    const { flow } = await startStepUp(server, idToken, key);
    const after = await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, { origin: server.url });
    expect(after.body).toMatchObject({ status: 'pending', step: { number: 2 } });
    expect(after.body.result).toBeUndefined();
  });

  it('takes the password of the signed-in user only', async () => {
    const { idToken } = await freshSignIn(server);
    const { user } = await server.services.passwords.hash('bob-password-1').then(async (passwordHash) => ({
      user: await server.services.store.createUser({ username: 'bob', displayName: 'Bob', passwordHash }, server.services.now()),
    }));
    expect(user.username).toBe('bob');
    server.advance(301);
    const { flow } = await startStepUp(server, idToken, await proofKey());
    const res = await server.post('/api/v1/flows/password', { flow, username: 'bob', password: 'bob-password-1' }, { origin: server.url });
    expect(res.body.error).toBe('invalid_credentials');
  });

  it('offers a backup code only when no other second factor is left, and enrols nothing', async () => {
    const { idToken, backupCodes } = await freshSignIn(server);
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    await server.services.store.deleteTotp(alice.id);
    await server.services.store.updateUser(alice.id, { phone: null, email: null }, server.services.now());
    const key = await proofKey();
    const { flow, res } = await startStepUp(server, idToken, key);
    expect(res.body.step.options).toEqual([expect.objectContaining({ method: 'backup_code' })]);
    expect((await server.post('/api/v1/flows/totp/enroll', { flow }, { origin: server.url })).status).toBe(409);
    const done = await server.post('/api/v1/flows/backup-code/verify', { flow, code: backupCodes[0] }, { origin: server.url });
    expect(done.body.status).toBe('complete');
    expect(done.body.result).toMatchObject({ tokenType: 'DPoP', settingsGrant: expect.any(String) });
    expect(done.body.result.idToken).toBeUndefined();
    expect(done.body.backupCodes).toBeUndefined();
  });

  it('refuses a backup code while another factor is there', async () => {
    const { idToken, backupCodes } = await freshSignIn(server);
    const { flow } = await startStepUp(server, idToken, await proofKey());
    const res = await server.post('/api/v1/flows/backup-code/verify', { flow, code: backupCodes[0] }, { origin: server.url });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('method_not_allowed');
  });

  it('tells the user of each change by e-mail and by a text to the number they had, and logs it without secrets', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const me = await stepUp(server, idToken, secret);
    const { backupCodes } = (await me.post('/api/v1/me/backup-codes', {})).body;
    const mail = (await server.get('/api/v1/dev/outbox?to=alice%40example.com')).body.messages;
    expect(mail[0].subject).toMatch(/security notice/i);
    expect(mail[0].body).toMatch(/new backup codes were made/i);
    const texts = (await server.get('/api/v1/dev/outbox?to=%2B12015550123')).body.messages;
    expect(texts[0].body).toMatch(/new backup codes were made/i);
    const logs = server.logs();
    expect(logs).toMatch(/"change":"backup-codes-renewed"/);
    expect(logs).toMatch(/"clientId":"demo"/);
    expect(logs).toContain('a•••@example.com');
    for (const code of backupCodes) expect(logs).not.toContain(code);
    expect(logs).not.toContain('2015550123');
  });

  it('keeps a grant of one browser away from another browser’s key', async () => {
    const { idToken, secret } = await freshSignIn(server);
    const me = await stepUp(server, idToken, secret);
    const other = settingsSession(server, me.grant, await proofKey());
    expect((await other.post('/api/v1/me/backup-codes', {})).status).toBe(401);
    expect((await me.post('/api/v1/me/backup-codes', {})).status).toBe(200);
  });
});
