import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeParams, authorizeRequest, codeFor, oidcClients, RP, SECRET, signInOnHostedPage, tokenRequest } from '../support/oidc.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The OpenID Provider's refusals, at the HTTP level: each a way a stolen or mangled value must not work. */
describe('the OpenID Provider refuses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logLevel: 'warn', clients: oidcClients });
  });
  afterAll(() => server.stop());

  const exchange = (code: string, verifier: string, clientId = 'conf', extra: Record<string, string> = {}) =>
    tokenRequest(
      server,
      { grant_type: 'authorization_code', code, redirect_uri: `${RP}/${clientId}/callback`, code_verifier: verifier, ...extra },
      clientId === 'pub' ? undefined : [clientId, SECRET],
    );

  it('answers a good code once, with an id_token, an at+jwt access token and the scope', async () => {
    const { code, verifier, redirectTo } = await codeFor(server, 'conf');
    expect(redirectTo.origin + redirectTo.pathname).toBe(`${RP}/conf/callback`);
    expect(redirectTo.searchParams.get('state')).toBe('state-conf');
    expect(redirectTo.searchParams.get('iss')).toBe(server.url);
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'openid profile', expires_in: 300 });
  });

  it('a wrong verifier, and the code is spent by the attempt', async () => {
    const { code, verifier } = await codeFor(server, 'conf');
    const wrong = await exchange(code, `${verifier.slice(0, -1)}${verifier.endsWith('A') ? 'B' : 'A'}`);
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
  });

  it('a reused code, revoking the access token of its first exchange', async () => {
    const { code, verifier } = await codeFor(server, 'conf');
    const first = await exchange(code, verifier);
    const userinfo = () => fetch(`${server.url}/userinfo`, { headers: { authorization: `Bearer ${first.body.access_token}` } });
    expect((await userinfo()).status).toBe(200);
    expect(await exchange(code, verifier)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const revoked = await userinfo();
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    await server.services.audit.flush();
    const events = await server.services.store.listAuditEvents({ order: 'asc', limit: 1000, clientId: 'conf' });
    const issued = events.filter((e) => e.type === 'token.issued' && e.details.grant === 'authorization_code');
    expect(issued.at(-1)).toMatchObject({ userId: expect.any(String), details: { acr: expect.any(String), scope: ['openid', 'profile'] } });
    expect(events.filter((e) => e.type === 'token.revoked').at(-1)).toMatchObject({
      userId: issued.at(-1)?.userId,
      details: { reason: 'code_reused', presentedBy: 'conf' },
    });
    // Neither event carries the code, its verifier or a token.
    expect(JSON.stringify(events)).not.toContain(code);
    expect(JSON.stringify(events)).not.toContain(verifier);
    expect(JSON.stringify(events)).not.toContain(first.body.access_token);
  });

  it('a redirect URI off by one character: shown on the page at /authorize, never redirected; invalid_grant at the token endpoint', async () => {
    const { params } = authorizeParams('conf');
    for (const uri of [`${RP}/conf/callbacK`, `${RP}/conf/callback/`, `${RP}/conf/callbac`]) {
      const page = await authorizeRequest(server, { ...params, redirect_uri: uri });
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.html).toContain('not one this application registered');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const { code, verifier } = await codeFor(server, 'conf');
    expect((await exchange(code, verifier, 'conf', { redirect_uri: `${RP}/conf/callbacK` })).body.error).toBe('invalid_grant');
  });

  it('an unknown client on the page, never redirected', async () => {
    const page = await authorizeRequest(server, authorizeParams('nobody').params);
    expect(page).toMatchObject({ status: 400, location: null });
  });

  it.each([
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no PKCE', { code_challenge: '', code_challenge_method: '' }, 'invalid_request'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
    ['a scope without openid', { scope: 'profile' }, 'invalid_scope'],
    ['prompt=consent', { prompt: 'consent' }, 'invalid_request'],
    ['response_mode=fragment', { response_mode: 'fragment' }, 'invalid_request'],
  ])('%s: redirected with the error, the state and iss', async (_name, change, error) => {
    const { params } = authorizeParams('conf', change);
    const answer = await authorizeRequest(server, params);
    expect(answer.status).toBe(302);
    expect(answer.location!.origin + answer.location!.pathname).toBe(`${RP}/conf/callback`);
    expect(Object.fromEntries(answer.location!.searchParams)).toMatchObject({ error, state: 'state-conf', iss: server.url });
    expect(answer.location!.searchParams.has('code')).toBe(false);
  });

  it('an expired code (older than 60 s)', async () => {
    const { code, verifier } = await codeFor(server, 'conf');
    server.advance(61);
    expect(await exchange(code, verifier)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('the code of another client, even with the right verifier and its own redirect URI', async () => {
    const { code, verifier } = await codeFor(server, 'conf');
    const stolen = await exchange(code, verifier, 'other', { redirect_uri: `${RP}/conf/callback` });
    expect(stolen).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('prompt=none without a session: login_required, with the state', async () => {
    const answer = await authorizeRequest(server, authorizeParams('conf', { prompt: 'none' }).params);
    expect(answer.status).toBe(302);
    expect(Object.fromEntries(answer.location!.searchParams)).toMatchObject({ error: 'login_required', state: 'state-conf', iss: server.url });
  });

  it('client authentication: a confidential client without its secret, a public client with one, a wrong secret', async () => {
    const pub = await codeFor(server, 'pub');
    const form = { grant_type: 'authorization_code', code: pub.code, redirect_uri: `${RP}/pub/callback`, code_verifier: pub.verifier };
    expect((await tokenRequest(server, { ...form, client_id: 'pub', client_secret: SECRET })).status).toBe(401);
    const conf = await codeFor(server, 'conf');
    const confForm = { grant_type: 'authorization_code', code: conf.code, redirect_uri: `${RP}/conf/callback`, code_verifier: conf.verifier };
    expect(await tokenRequest(server, { ...confForm, client_id: 'conf' })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await tokenRequest(server, confForm, ['conf', `${SECRET}x`])).status).toBe(401);
    // Neither refusal spent the codes: the right credentials still work (client_secret_post, none).
    expect((await tokenRequest(server, { ...confForm, client_id: 'conf', client_secret: SECRET })).status).toBe(200);
    expect((await tokenRequest(server, { ...form, client_id: 'pub' })).status).toBe(200);
  });

  it('the access token at /api/v1/me, for reads and changes; an id_token at /userinfo', async () => {
    const { code, verifier } = await codeFor(server, 'conf');
    const { access_token: accessToken, id_token: idToken } = (await exchange(code, verifier)).body;
    const bearer = { authorization: `Bearer ${accessToken}` };
    expect((await server.get('/api/v1/me', bearer)).status).toBe(401);
    expect((await server.post('/api/v1/me/totp/enroll', {}, bearer)).status).toBe(401);
    expect((await server.post('/api/v1/me/totp/enroll', {}, { authorization: `DPoP ${accessToken}`, dpop: 'x.y.z' })).status).toBe(401);
    // The id_token of the same sign-in still reads the factors: the refusal is about the token's kind.
    expect((await server.get('/api/v1/me', { authorization: `Bearer ${idToken}` })).status).toBe(200);
    expect((await fetch(`${server.url}/userinfo`, { headers: { authorization: `Bearer ${idToken}` } })).status).toBe(401);
  });

  it('a completion from another origin, of a flow not started by /authorize, of an unfinished flow, and a second completion', async () => {
    const { params } = authorizeParams('conf');
    const page = await authorizeRequest(server, params);
    const flow = /data-flow="([^"]+)"/.exec(page.html)![1]!;
    const own = { origin: new URL(server.url).origin };
    expect((await server.post('/authorize/complete', { flow }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await server.post('/authorize/complete', { flow }, own)).body.error).toBe('method_not_allowed');
    const started = await server.post('/api/v1/flows', { clientId: 'demo' }, own);
    await server.post('/api/v1/flows/password', { flow: started.body.flow, username: 'alice', password: server.demo!.password }, own);
    expect((await server.post('/authorize/complete', { flow: started.body.flow }, own)).body.error).toBe('flow_not_found');
    const done = await signInOnHostedPage(server, page.html);
    expect(done.redirectTo.searchParams.get('code')).toBeTruthy();
    expect((await server.post('/authorize/complete', { flow }, own)).body.error).toBe('flow_not_found');
  });

  it('a session cookie readable by scripts or sent cross-site; and the store keeps only its hash', async () => {
    const { setCookie, cookie } = await codeFor(server, 'conf');
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Max-Age=28800/);
    expect(setCookie).not.toMatch(/Secure/);
    const value = cookie.split('=')[1]!;
    const db = new Database(path.join(server.dir, 'test.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM login_sessions').all();
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(value);
      expect(JSON.stringify(db.prepare('SELECT * FROM authorization_codes').all())).not.toMatch(/"code"/);
    } finally {
      db.close();
    }
  });

  it('a session for a request it does not satisfy: prompt=login, max_age, another login_hint, a stronger acr; and logout ends it', async () => {
    const { cookie } = await codeFor(server, 'conf');
    const ask = (extra: Record<string, string>) => authorizeRequest(server, authorizeParams('other', extra).params, cookie);
    const sso = await ask({});
    expect(sso.status).toBe(302);
    expect(sso.location!.searchParams.get('code')).toBeTruthy();
    server.advance(5);
    expect((await ask({ prompt: 'login' })).status).toBe(200);
    expect((await ask({ max_age: '2' })).status).toBe(200);
    expect((await ask({ max_age: '60' })).status).toBe(302);
    expect((await ask({ login_hint: 'bob' })).status).toBe(200);
    const stronger = await ask({ acr_values: 'mfa', prompt: 'none' });
    expect(stronger.location!.searchParams.get('error')).toBe('login_required');
    // The hosted page asks only the step the session lacks: the flow starts at the second factor for alice.
    const page = await ask({ acr_values: 'mfa' });
    const flow = /data-flow="([^"]+)"/.exec(page.html)![1]!;
    const state = await server.post('/api/v1/flows/introspect', { flow }, { origin: new URL(server.url).origin });
    expect(state.body).toMatchObject({ status: 'pending', step: { number: 2 }, user: { username: 'alice' } });

    const bad = await fetch(`${server.url}/logout?client_id=conf&post_logout_redirect_uri=${encodeURIComponent(`${RP}/conf/byE`)}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(bad.status).toBe(400);
    const out = await fetch(`${server.url}/logout?client_id=conf&state=s&post_logout_redirect_uri=${encodeURIComponent(`${RP}/conf/bye`)}`, {
      redirect: 'manual',
      headers: { cookie },
    });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe(`${RP}/conf/bye?state=s`);
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    expect((await ask({ prompt: 'none' })).location!.searchParams.get('error')).toBe('login_required');
  });
});
