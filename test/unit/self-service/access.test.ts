import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server.js';
import { SETTINGS_CHANGES as CHANGES } from '../../support/step-up.js';
import { bearer, signIn, signInForSettings, signInWithPasswordOnly } from './signed-in.js';

describe('self-service: who may read and who may change', () => {
  let server: TestServer;
  beforeEach(async () => {
    // Tokens outlive the freshness window here, so a stale token is still a valid one.
    server = await startTestServer({ tokens: { idTokenTtlSeconds: 3600 } });
  });
  afterEach(() => server.stop());

  it('shows a signed-in user their factors, masked as in a login', async () => {
    const { idToken } = await signIn(server);
    const res = await server.get('/api/v1/me', bearer(idToken));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      user: { username: 'alice', displayName: 'Alice Liddell' },
      factors: {
        password: true,
        totp: { enrolled: true },
        sms: { phone: '+1 ••• ••• 0123', disabled: false },
        email: { address: 'a•••@example.com' },
        backupCodes: { remaining: 10 },
      },
    });
    // An id_token never authorises a change: no time until which changes are allowed.
    expect(res.body.freshUntil).toBeNull();
  });

  it('refuses a call without a token, with a malformed one, or with another scheme', async () => {
    const { idToken } = await signIn(server);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Basic ${idToken}` },
    ];
    for (const headers of attempts) {
      const res = await server.get('/api/v1/me', headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: 'unauthorized', reauthenticate: true });
    }
  });

  it('never takes the token from the URL', async () => {
    const { idToken } = await signIn(server);
    const res = await server.get(`/api/v1/me?access_token=${idToken}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('refuses a token signed with a key that is not this server’s, even under its kid', async () => {
    const { idToken } = await signIn(server);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(decodeJwt(idToken)).setProtectedHeader({ ...decodeProtectedHeader(idToken), alg: 'ES256' }).sign(privateKey);
    const res = await server.get('/api/v1/me', bearer(forged));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('refuses an unsigned token and one with a changed payload', async () => {
    const { idToken } = await signIn(server);
    const [header, payload, signature] = idToken.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const claims = { ...decodeJwt(idToken), sub: 'someone-else' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const token of [none, tampered]) expect((await server.get('/api/v1/me', bearer(token))).status).toBe(401);
  });

  it('refuses a token another mfa-login server signed', async () => {
    const other = await startTestServer();
    try {
      const { idToken } = await signIn(other);
      const res = await server.get('/api/v1/me', bearer(idToken));
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    } finally {
      await other.stop();
    }
  });

  it('refuses an expired token', async () => {
    const { idToken } = await signIn(server);
    server.advance(3601);
    expect((await server.get('/api/v1/me', bearer(idToken))).status).toBe(401);
  });

  it('refuses a token whose user was deleted', async () => {
    const { idToken } = await signIn(server);
    await server.services.store.deleteUser(decodeJwt(idToken).sub!);
    expect((await server.get('/api/v1/me', bearer(idToken))).status).toBe(401);
  });

  it('refuses a browser origin the token’s client does not list', async () => {
    const { idToken } = await signIn(server);
    const res = await server.get('/api/v1/me', { ...bearer(idToken), origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('origin_not_allowed');
  });

  it('lets a password-only sign-in read the factors but change none', async () => {
    await signIn(server);
    const idToken = await signInWithPasswordOnly(server);
    expect(decodeJwt(idToken).amr).toEqual(['pwd']);
    expect((await server.get('/api/v1/me', bearer(idToken))).body.freshUntil).toBeNull();
    for (const [path, body] of CHANGES) {
      const res = await server.post(path, body, bearer(idToken));
      expect(res.status, path).toBe(401);
      expect(res.body, path).toMatchObject({ error: 'unauthorized', stepUp: true });
    }
  });

  it('changes nothing with an id_token, however fresh: a change takes a settings grant', async () => {
    const { idToken } = await signIn(server);
    expect((await server.get('/api/v1/me', bearer(idToken))).body.freshUntil).toBeNull();
    for (const [path, body] of CHANGES) {
      for (const headers of [bearer(idToken), { ...bearer(idToken), origin: server.url }]) {
        const res = await server.post(path, body, headers);
        expect(res.status, path).toBe(401);
        expect(res.body, path).toMatchObject({ error: 'unauthorized', stepUp: true });
      }
    }
  });

  it('answers freshUntil with the end of the settings grant', async () => {
    const { me } = await signInForSettings(server);
    const grantEnd = (decodeJwt(me.grant).exp as number) * 1000;
    expect(Date.parse((await me.get('/api/v1/me')).body.freshUntil)).toBe(grantEnd);
  });

  it('follows selfService.grantSeconds', async () => {
    await server.stop();
    server = await startTestServer({ selfService: { grantSeconds: 60 } });
    const { me } = await signInForSettings(server);
    server.advance(50);
    expect((await me.post('/api/v1/me/backup-codes', {})).status).toBe(200);
    server.advance(11);
    const late = await me.post('/api/v1/me/backup-codes', {});
    expect(late.status).toBe(401);
    expect(late.body).toMatchObject({ error: 'unauthorized', stepUp: true });
  });

  it('answers bad bodies with invalid_request and the zod issues, never a 500', async () => {
    const { me } = await signInForSettings(server);
    const bad: [string, unknown][] = [
      ['/api/v1/me/totp/verify', {}],
      ['/api/v1/me/totp/verify', { code: 123456 }],
      ['/api/v1/me/totp/verify', { code: '1'.repeat(40) }],
      ['/api/v1/me/phone', {}],
      ['/api/v1/me/phone', { phone: ['+12015550199'] }],
      ['/api/v1/me/phone/verify', { code: null }],
      ['/api/v1/me/backup-codes', [1, 2]],
      ['/api/v1/me/totp/enroll', '{"broken json'],
    ];
    for (const [path, body] of bad) {
      const res = await me.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
    const issues = (await me.post('/api/v1/me/phone', {})).body.issues;
    expect(issues).toEqual([expect.objectContaining({ path: 'phone' })]);
  });

  it('answers an unknown path under /me with not_found', async () => {
    const { me } = await signInForSettings(server);
    const res = await me.post('/api/v1/me/password', {});
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  it('writes no token, secret or code into the log', async () => {
    const { idToken, me } = await signInForSettings(server);
    const { enrollment } = (await me.post('/api/v1/me/totp/enroll', {})).body;
    const { backupCodes } = (await me.post('/api/v1/me/backup-codes', {})).body;
    await me.post('/api/v1/me/phone', { phone: '+12015550199' });
    const logs = server.logs();
    for (const secret of [idToken, idToken.split('.')[2]!, me.grant, me.grant.split('.')[2]!, enrollment.secret, ...backupCodes, '2015550199'])
      expect(logs).not.toContain(secret);
  });
});
