import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adminRoutes, type AdminRoute } from '../../contract/admin-paths.js';
import { adminCall, clientCredentialsToken, decodeQrSvg } from '../support/admin.js';
import { totpAt } from '../support/login.js';
import { testSchema } from '../support/postgres.js';
import { deviceKey } from '../support/trusted-device.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { contractErrorProblem, freshSignIn } from './support.js';

const STATIC_TOKEN = randomBytes(32).toString('base64url');

let server: TestServer;
/** Static token, a client granted `admin`, one granted `admin:read`, one whose scope was taken away after its token was issued. */
const tokens = { static: STATIC_TOKEN, admin: '', reader: '', revoked: '' };

const call = (method: string, path: string, options: Parameters<typeof adminCall>[3] = {}) => adminCall(server, method, path, options);
const asAdmin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
  call(method, path, { token: tokens.static, body, ...(headers ? { headers } : {}) });

async function newUser(username: string, extra: Record<string, unknown> = {}) {
  const res = await asAdmin('post', `${ADMIN}/users`, { username, password: 'correct horse battery', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.user as { id: string; username: string };
}

async function newClient(clientId: string, extra: Record<string, unknown> = {}) {
  const res = await asAdmin('post', `${ADMIN}/clients`, { clientId, name: clientId, allowedOrigins: ['https://app.example'], ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { client: { clientId: string }; clientSecret?: string };
}

async function machineToken(clientId: string, scopes: string[]) {
  const { clientSecret } = await newClient(clientId, { scopes, generateSecret: true, allowedOrigins: [] });
  const res = await clientCredentialsToken(server, clientId, clientSecret!);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.access_token as string;
}

type Ids = { userId?: string; clientId?: string; authenticatorId?: string; deviceId?: string; passkeyId?: string };
const pathOf = (route: AdminRoute, ids: Ids) =>
  route.path
    .replace('{userId}', ids.userId ?? 'x')
    .replace('{clientId}', ids.clientId ?? 'x')
    .replace('{authenticatorId}', ids.authenticatorId ?? 'x')
    .replace('{deviceId}', ids.deviceId ?? 'x')
    .replace('{passkeyId}', ids.passkeyId ?? 'x');

/** A user with an authenticator set up by the help desk. */
async function userWithAuthenticator(prefix: string) {
  const { id } = await newUser(`${prefix}-${randomBytes(4).toString('hex')}`);
  const enrolled = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, {});
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
  return { userId: id, authenticatorId: enrolled.body.authenticator.id as string };
}

/** A browser trusted for the user on client `demo`, as `device/trust` stores it; answers its id and public key. */
async function trustDevice(userId: string, name = 'Chrome on Linux') {
  const { jwk } = await deviceKey();
  const id = randomBytes(16).toString('base64url');
  const expiresAt = new Date(server.services.now().getTime() + 86_400_000).toISOString();
  await server.services.store.addTrustedDevice({ id, userId, clientId: 'demo', publicJwk: jwk as never, name, expiresAt }, server.services.now());
  return { id, jwk };
}

/** A passkey of the user as registration stores it (the key is a stand-in: these tests never sign with it). */
async function addPasskey(userId: string, name = 'Laptop') {
  const credentialId = randomBytes(16).toString('base64url');
  const publicKey = randomBytes(77).toString('base64url');
  const made = await server.services.store.createPasskey(
    { userId, credentialId, publicKey, counter: 0, transports: ['internal', 'hybrid'], backupEligible: true, backedUp: true, name },
    server.services.now(),
  );
  return { id: made!.id, credentialId, publicKey };
}

/** A user with one trusted device. */
async function userWithDevice(prefix: string) {
  const { id } = await newUser(`${prefix}-${randomBytes(4).toString('hex')}`);
  return { userId: id, deviceId: (await trustDevice(id)).id };
}

/** Every event recorded so far, in the store: the audit log writes right after the answer. */
const flushed = () => server.services.audit.flush();

beforeAll(async () => {
  server = await startTestServer({}, { env: { MFA_LOGIN_ADMIN_TOKEN: STATIC_TOKEN } });
  tokens.admin = await machineToken('backoffice', ['admin']);
  tokens.reader = await machineToken('auditor', ['admin:read']);
  tokens.revoked = await machineToken('former', ['admin']);
  const former = await asAdmin('get', `${ADMIN}/clients/former`);
  const { clientId: _, hasSecret: __, source: ___, ...settings } = former.body;
  const taken = await asAdmin('put', `${ADMIN}/clients/former`, { ...settings, scopes: [] }, { 'if-match': former.headers.get('etag')! });
  expect(taken.status, JSON.stringify(taken.body)).toBe(200);
});

afterAll(() => server?.stop());

/** A request each route answers with success, on things made for it (deletions get their own). */
const good: Record<string, () => Promise<{ ids?: Ids; body?: unknown; headers?: Record<string, string> }>> = {
  adminListUsers: async () => ({}),
  adminCreateUser: async () => ({ body: { username: `u-${randomBytes(4).toString('hex')}` } }),
  adminGetUser: async () => ({ ids: { userId: (await newUser(`g-${randomBytes(4).toString('hex')}`)).id } }),
  adminUpdateUser: async () => {
    const { id } = await newUser(`p-${randomBytes(4).toString('hex')}`);
    const etag = (await asAdmin('get', `${ADMIN}/users/${id}`)).headers.get('etag')!;
    return { ids: { userId: id }, body: { displayName: 'Pat' }, headers: { 'if-match': etag } };
  },
  adminDeleteUser: async () => ({ ids: { userId: (await newUser(`d-${randomBytes(4).toString('hex')}`)).id } }),
  adminDisableUser: async () => ({ ids: { userId: (await newUser(`x-${randomBytes(4).toString('hex')}`)).id }, body: {} }),
  adminEnableUser: async () => ({ ids: { userId: (await newUser(`e-${randomBytes(4).toString('hex')}`)).id }, body: {} }),
  adminListFactors: async () => ({ ids: { userId: (await newUser(`f-${randomBytes(4).toString('hex')}`)).id } }),
  adminResetTotp: async () => ({ ids: { userId: (await newUser(`r-${randomBytes(4).toString('hex')}`)).id }, body: {} }),
  adminEnrolTotp: async () => ({ ids: { userId: (await newUser(`t-${randomBytes(4).toString('hex')}`)).id }, body: {} }),
  adminRemoveTotp: async () => ({ ids: await userWithAuthenticator('rt') }),
  adminGenerateBackupCodes: async () => ({ ids: { userId: (await newUser(`b-${randomBytes(4).toString('hex')}`)).id }, body: {} }),
  adminImportBackupCodes: async () => ({
    ids: { userId: (await newUser(`i-${randomBytes(4).toString('hex')}`)).id },
    body: { codes: ['abcde-12345', 'fghij-67890'] },
  }),
  adminRemovePhone: async () => ({ ids: { userId: (await newUser(`ph-${randomBytes(4).toString('hex')}`, { phone: '+12015550123' })).id } }),
  adminRemovePasskey: async () => {
    const { id } = await newUser(`pk-${randomBytes(4).toString('hex')}`);
    return { ids: { userId: id, passkeyId: (await addPasskey(id)).id } };
  },
  adminRevokeTrustedDevices: async () => ({ ids: await userWithDevice('rd') }),
  adminRevokeTrustedDevice: async () => ({ ids: await userWithDevice('rd1') }),
  adminListClients: async () => ({}),
  adminCreateClient: async () => ({ body: { clientId: `c-${randomBytes(4).toString('hex')}`, name: 'New app' } }),
  adminGetClient: async () => ({ ids: { clientId: (await newClient(`cg-${randomBytes(4).toString('hex')}`)).client.clientId } }),
  adminReplaceClient: async () => {
    const { clientId } = (await newClient(`cp-${randomBytes(4).toString('hex')}`)).client;
    const etag = (await asAdmin('get', `${ADMIN}/clients/${clientId}`)).headers.get('etag')!;
    return { ids: { clientId }, body: { name: 'Renamed' }, headers: { 'if-match': etag } };
  },
  adminDeleteClient: async () => ({ ids: { clientId: (await newClient(`cd-${randomBytes(4).toString('hex')}`)).client.clientId } }),
  adminRotateClientSecret: async () => ({ ids: { clientId: (await newClient(`cr-${randomBytes(4).toString('hex')}`)).client.clientId }, body: {} }),
  adminListEvents: async () => ({}),
};

describe('admin API access', () => {
  it('mounts exactly the routes of the contract table, and this suite knows each', () => {
    const mounted = registeredRoutes(server.app).filter((r) => r.split(' ')[1]!.startsWith(`${ADMIN}/`));
    expect(mounted.sort()).toEqual(adminRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    expect(Object.keys(good).sort()).toEqual(adminRoutes.map((r) => r.operationId).sort());
  });

  describe.each(adminRoutes.map((r) => ({ ...r, name: `${r.method.toUpperCase()} ${r.path}` })))('$name', (route) => {
    it('answers 401 without a credential, in the one refusal', async () => {
      const res = await call(route.method, pathOf(route, {}), { body: route.method === 'get' ? undefined : {} });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'unauthorized', message: 'A valid admin credential is required.', requestId: expect.any(String) });
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="mfa-login admin"');
    });

    it('answers 403 to a credential whose scope does not cover it', async () => {
      const res = await call(route.method, pathOf(route, {}), { token: tokens.revoked, body: route.method === 'get' ? undefined : {} });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'forbidden', message: 'This credential may not do that.', requestId: expect.any(String) });
      const reader = await call(route.method, pathOf(route, {}), { token: tokens.reader, body: route.method === 'get' ? undefined : {} });
      if (route.scope === 'admin') expect(reader.status).toBe(403);
      else expect(reader.status).not.toBe(403);
    });

    it.each(['static', 'admin'] as const)('does its work with the %s credential', async (kind) => {
      const { ids = {}, body, headers } = await good[route.operationId]!();
      const res = await call(route.method, pathOf(route, ids), { token: tokens[kind], body, ...(headers ? { headers } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses every other credential in the same words: garbage, a wrong static token, an id_token, a forged signature, a deleted client, other schemes', async () => {
    const { idToken } = await freshSignIn(server);
    const gone = await machineToken('short-lived', ['admin']);
    expect((await asAdmin('delete', `${ADMIN}/clients/short-lived`)).status).toBe(204);
    const credentials = [
      undefined,
      'not-a-token',
      randomBytes(32).toString('base64url'),
      `${STATIC_TOKEN}x`,
      idToken,
      gone,
      `${tokens.admin.slice(0, -4)}AAAA`,
    ];
    const answers = [];
    for (const token of credentials) answers.push(await call('get', `${ADMIN}/users`, { token }));
    answers.push(
      await call('get', `${ADMIN}/users`, { headers: { authorization: `Basic ${Buffer.from(`backoffice:${STATIC_TOKEN}`).toString('base64')}` } }),
    );
    answers.push(await call('get', `${ADMIN}/users`, { headers: { authorization: `DPoP ${tokens.admin}` } }));
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect({ ...a.body, requestId: 'x' }).toEqual({ error: 'unauthorized', message: 'A valid admin credential is required.', requestId: 'x' });
    }
    // Each refusal is logged, the credential sent never.
    expect(server.logs()).toContain('admin credential refused');
    for (const secret of [STATIC_TOKEN, tokens.admin, idToken]) expect(server.logs()).not.toContain(secret);
    // The admin token cannot stand in for a user's id_token either.
    expect((await call('get', '/api/v1/me', { token: tokens.admin })).status).toBe(401);
  });

  it('sends no CORS headers on /admin, not even to a preflight from a registered origin', async () => {
    const origin = server.url;
    const preflight = await call('options', `${ADMIN}/users`, {
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    const get = await call('get', `${ADMIN}/users`, { token: tokens.static, headers: { origin } });
    expect(get.status).toBe(200);
    for (const res of [preflight, get]) for (const [name] of res.headers) expect(name).not.toMatch(/^access-control-/);
  });

  it('never lets an admin client sign in: the flow API does not know it, the SMS OTP grant refuses it', async () => {
    const flow = await server.post('/api/v1/flows', { clientId: 'backoffice' });
    expect(flow.status).toBe(400);
    expect(flow.body.error).toBe('unknown_client');
    const { clientSecret } = await newClient('machine-2', { scopes: ['admin'], generateSecret: true, allowedOrigins: [] });
    const form = new URLSearchParams({
      grant_type: 'urn:mfa-login:grant-type:sms-otp',
      username: '+12015550123',
      client_id: 'machine-2',
      client_secret: clientSecret!,
    });
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('unauthorized_client');
  });

  it('gives client_credentials tokens only to clients granted admin scopes, and only the scopes asked for that they hold', async () => {
    const { clientSecret } = await newClient('signin-app', { generateSecret: true });
    expect((await clientCredentialsToken(server, 'signin-app', clientSecret!)).body.error).toBe('unauthorized_client');
    const reader = await newClient('reader-2', { scopes: ['admin:read'], generateSecret: true, allowedOrigins: [] });
    expect((await clientCredentialsToken(server, 'reader-2', reader.clientSecret!, 'admin')).body.error).toBe('invalid_scope');
    const ok = await clientCredentialsToken(server, 'reader-2', reader.clientSecret!, 'admin:read');
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'admin:read' });
    const [header, payload] = ok.body.access_token
      .split('.')
      .slice(0, 2)
      .map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.typ).toBe('at+jwt');
    expect(payload).toMatchObject({ aud: `${server.url}/admin/v1`, sub: 'reader-2', client_id: 'reader-2', scope: 'admin:read' });
    expect(payload.exp - payload.iat).toBe(300);
  });
});

describe('admin API bodies', () => {
  const writes = adminRoutes.filter((r) => r.method !== 'get' && r.method !== 'delete');
  const bad: [string, string, Record<string, string>][] = [
    ['not JSON', '{"username":', { 'content-type': 'application/json' }],
    ['an array', '[]', { 'content-type': 'application/json' }],
    [
      'a wrong type everywhere',
      JSON.stringify({ username: 5, name: 7, codes: 'x', displayName: [], replace: 'yes', phone: 3 }),
      { 'content-type': 'application/json' },
    ],
    ['an unknown field', JSON.stringify({ unknownField: true }), { 'content-type': 'application/json' }],
    [
      'a NUL character',
      JSON.stringify({ username: 'a\u0000b', name: 'a\u0000b', displayName: 'a\u0000b', codes: ['a\u0000bcdefghij'] }),
      { 'content-type': 'application/json' },
    ],
    ['too large', JSON.stringify({ username: 'a'.repeat(20_000) }), { 'content-type': 'application/json' }],
  ];

  it.each(writes.map((r) => ({ ...r, name: `${r.method.toUpperCase()} ${r.path}` })))(
    '$name answers bad bodies with 400 in the one error shape, never a 500',
    async (route) => {
      const { ids = {}, headers } = await good[route.operationId]!();
      const problems: string[] = [];
      for (const [label, body, contentType] of bad) {
        const res = await call(route.method, pathOf(route, ids), { token: tokens.static, body, headers: { ...contentType, ...headers } });
        if (res.status !== 400) problems.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
        else {
          const problem = contractErrorProblem(res);
          if (problem) problems.push(`${label}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('refuses phone numbers that are not E.164 and query parameters of the wrong shape with 400', async () => {
    expect((await asAdmin('post', `${ADMIN}/users`, { username: 'phoney', phone: '2015550123' })).status).toBe(400);
    for (const query of ['limit=0', 'limit=abc', 'cursor=%00', 'username=a&username=b', 'sort=desc']) {
      const res = await asAdmin('get', `${ADMIN}/users?${query}`);
      expect(res.status, query).toBe(400);
      expect(contractErrorProblem(res), query).toBeNull();
    }
  });
});

describe('admin API semantics', () => {
  it('lets one of two concurrent updates with the same If-Match win; the other gets 412 and nothing is overwritten', async () => {
    const { id } = await newUser('concurrent');
    const etag = (await asAdmin('get', `${ADMIN}/users/${id}`)).headers.get('etag')!;
    const answers = await Promise.all(
      ['First', 'Second', 'Third'].map((displayName) => asAdmin('patch', `${ADMIN}/users/${id}`, { displayName }, { 'if-match': etag })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412]);
    const winner = answers.find((a) => a.status === 200)!;
    for (const loser of answers.filter((a) => a.status === 412)) expect(loser.body.error).toBe('precondition_failed');
    const now = await asAdmin('get', `${ADMIN}/users/${id}`);
    expect(now.body.displayName).toBe(winner.body.displayName);
    expect(now.headers.get('etag')).toBe(winner.headers.get('etag'));
    expect(now.headers.get('etag')).not.toBe(etag);
  });

  it('does the same for clients, and asks for If-Match (428) when it is missing', async () => {
    await newClient('race');
    const etag = (await asAdmin('get', `${ADMIN}/clients/race`)).headers.get('etag')!;
    const [a, b] = await Promise.all(
      ['A', 'B'].map((name) => asAdmin('put', `${ADMIN}/clients/race`, { name, allowedOrigins: ['https://app.example'] }, { 'if-match': etag })),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    expect((await asAdmin('put', `${ADMIN}/clients/race`, { name: 'C' })).status).toBe(428);
    const { id } = await newUser('no-if-match');
    const missing = await asAdmin('patch', `${ADMIN}/users/${id}`, { displayName: 'x' });
    expect(missing.status).toBe(428);
    expect(missing.body.error).toBe('precondition_required');
    expect((await asAdmin('patch', `${ADMIN}/users/${id}`, { displayName: 'x' }, { 'if-match': 'W/"1"' })).status).toBe(412);
  });

  it('deletes idempotently: a second DELETE answers 204 as the first', async () => {
    const { id } = await newUser('twice');
    expect((await asAdmin('delete', `${ADMIN}/users/${id}`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}`)).status).toBe(204);
    expect((await asAdmin('get', `${ADMIN}/users/${id}`)).status).toBe(404);
    await newClient('gone-twice');
    expect((await asAdmin('delete', `${ADMIN}/clients/gone-twice`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/clients/gone-twice`)).status).toBe(204);
  });

  it('pages users by cursor and finds them by username prefix, e-mail and phone', async () => {
    for (const n of ['pg-a', 'pg-b', 'pg-c']) await newUser(n, n === 'pg-b' ? { email: 'PGB@example.com', phone: '+12015550199' } : {});
    const first = await asAdmin('get', `${ADMIN}/users?username=pg-&limit=2`);
    expect(first.body.users.map((u: { username: string }) => u.username)).toEqual(['pg-a', 'pg-b']);
    const next = await asAdmin('get', `${ADMIN}/users?username=pg-&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body).toMatchObject({ users: [{ username: 'pg-c' }], nextCursor: null });
    expect((await asAdmin('get', `${ADMIN}/users?email=pgb@EXAMPLE.com`)).body.users.map((u: { username: string }) => u.username)).toEqual(['pg-b']);
    expect((await asAdmin('get', `${ADMIN}/users?phone=%2B12015550199`)).body.users.map((u: { username: string }) => u.username)).toEqual(['pg-b']);
  });

  it('keeps config-file clients read-only, saying so', async () => {
    const s = await startTestServer(
      { clients: [{ clientId: 'from-file', name: 'File', allowedOrigins: ['https://file.example'] }] },
      { env: { MFA_LOGIN_ADMIN_TOKEN: STATIC_TOKEN } },
    );
    try {
      const get = await adminCall(s, 'get', `${ADMIN}/clients/from-file`, { token: STATIC_TOKEN });
      expect(get.body.source).toBe('config');
      for (const [method, path, body] of [
        ['put', `${ADMIN}/clients/from-file`, { name: 'x' }],
        ['delete', `${ADMIN}/clients/from-file`, undefined],
        ['post', `${ADMIN}/clients/from-file/secret`, {}],
        ['post', `${ADMIN}/clients`, { clientId: 'from-file', name: 'x' }],
      ] as const) {
        const res = await adminCall(s, method, path, { token: STATIC_TOKEN, body, headers: { 'if-match': get.headers.get('etag')! } });
        expect(res.status, `${method} ${path}`).toBe(409);
        expect(res.body.message).toMatch(/defined in the config file/);
      }
    } finally {
      await s.stop();
    }
  });

  it('rotates a client secret: the new one is shown once and works, the old one stops at once', async () => {
    const { clientSecret: old } = await newClient('rotating', { scopes: ['admin:read'], generateSecret: true, allowedOrigins: [] });
    const rotated = await asAdmin('post', `${ADMIN}/clients/rotating/secret`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).not.toBe(old);
    expect((await clientCredentialsToken(server, 'rotating', old!)).status).toBe(401);
    expect((await clientCredentialsToken(server, 'rotating', rotated.body.clientSecret)).status).toBe(200);
    expect(JSON.stringify((await asAdmin('get', `${ADMIN}/clients/rotating`)).body)).not.toContain(rotated.body.clientSecret);
  });

  it('answers a disabled user exactly as a wrong password, and lets them in again once enabled', async () => {
    const { id } = await newUser('dana');
    const attempt = async (password: string) => {
      const started = await server.post('/api/v1/flows', { clientId: 'demo' });
      return server.post('/api/v1/flows/password', { flow: started.body.flow, username: 'dana', password });
    };
    expect((await asAdmin('post', `${ADMIN}/users/${id}/disable`, {})).body.disabled).toBe(true);
    const disabled = await attempt('correct horse battery');
    const wrong = await attempt('wrong horse battery');
    expect(disabled.status).toBe(401);
    expect({ ...disabled.body, requestId: 'x' }).toEqual({ ...wrong.body, requestId: 'x' });
    expect((await asAdmin('post', `${ADMIN}/users/${id}/enable`, {})).body.disabled).toBe(false);
    const ok = await attempt('correct horse battery');
    expect(ok.status).toBe(200);
  });

  it("lists a user's factors with no secret in them", async () => {
    const { id } = await newUser('faye', { phone: '+12015550142', email: 'faye@example.com' });
    await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, {});
    const codes = (await asAdmin('post', `${ADMIN}/users/${id}/backup-codes`, {})).body.codes as string[];
    const factors = await asAdmin('get', `${ADMIN}/users/${id}/factors`);
    expect(factors.body).toMatchObject({
      password: { set: true },
      totp: { enrolled: true },
      sms: { phone: '+12015550142', disabled: false },
      email: { address: 'faye@example.com' },
      backupCodes: { remaining: codes.length },
    });
    const text = JSON.stringify(factors.body) + JSON.stringify((await asAdmin('get', `${ADMIN}/users/${id}`)).body);
    for (const code of codes) expect(text).not.toContain(code);
    expect(text).not.toMatch(/secret|sealed|hash|argon/i);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/phone`)).status).toBe(204);
    expect((await asAdmin('get', `${ADMIN}/users/${id}/factors`)).body.sms.phone).toBeNull();
  });
});

describe('trusted devices through the admin API', () => {
  const live = async (userId: string) => (await server.services.store.listTrustedDevices(userId, server.services.now())).map((d) => d.id);

  it('lists them in the factors with their client and times, never their key', async () => {
    const { id } = await newUser('trusty');
    const older = await trustDevice(id, 'Firefox on Windows');
    const newer = await trustDevice(id, 'Safari on iOS');
    const factors = await asAdmin('get', `${ADMIN}/users/${id}/factors`);
    expect(factors.status).toBe(200);
    const when = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(factors.body.trustedDevices.sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name))).toEqual([
      { id: older.id, name: 'Firefox on Windows', clientId: 'demo', createdAt: when, lastUsedAt: null, expiresAt: when },
      { id: newer.id, name: 'Safari on iOS', clientId: 'demo', createdAt: when, lastUsedAt: null, expiresAt: when },
    ]);
    const text = JSON.stringify(factors.body);
    for (const key of [older.jwk, newer.jwk]) {
      expect(text).not.toContain(key.x);
      expect(text).not.toContain(key.y);
    }
    expect((await asAdmin('get', `${ADMIN}/users/${(await newUser('untrusting')).id}/factors`)).body.trustedDevices).toEqual([]);
  });

  it("revokes one device idempotently and only that user's, then all of them; a reader may not", async () => {
    const { id } = await newUser('revokee');
    const other = await newUser('bystander');
    const [one, two] = [await trustDevice(id), await trustDevice(id)];
    const theirs = await trustDevice(other.id);
    expect((await call('delete', `${ADMIN}/users/${id}/devices/${one.id}`, { token: tokens.reader })).status).toBe(403);
    expect(await live(id)).toHaveLength(2);

    expect((await asAdmin('delete', `${ADMIN}/users/${id}/devices/${one.id}`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/devices/${one.id}`)).status).toBe(204);
    // Another user's device through this user's path is not this user's: 204, and it stays.
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/devices/${theirs.id}`)).status).toBe(204);
    expect(await live(id)).toEqual([two.id]);
    expect(await live(other.id)).toEqual([theirs.id]);
    expect((await asAdmin('get', `${ADMIN}/users/${id}/factors`)).body.trustedDevices.map((d: { id: string }) => d.id)).toEqual([two.id]);

    await trustDevice(id);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/devices`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/devices`)).status).toBe(204);
    expect(await live(id)).toEqual([]);
    expect(await live(other.id)).toEqual([theirs.id]);
    expect((await asAdmin('delete', `${ADMIN}/users/00000000-0000-4000-8000-000000000000/devices`)).status).toBe(404);
  });
});

describe('passkeys through the admin API', () => {
  const mine = async (userId: string) => (await server.services.store.listPasskeys(userId)).map((p) => p.id);

  it('lists them in the factors by name, times, backup flag and transports, never their key or credential id', async () => {
    const { id } = await newUser('keyholder');
    const laptop = await addPasskey(id, 'Laptop');
    const factors = await asAdmin('get', `${ADMIN}/users/${id}/factors`);
    expect(factors.status).toBe(200);
    expect(factors.body.passkeys).toEqual([
      { id: laptop.id, name: 'Laptop', createdAt: expect.any(String), lastUsedAt: null, backedUp: true, transports: ['internal', 'hybrid'] },
    ]);
    const text = JSON.stringify(factors.body);
    expect(text).not.toContain(laptop.publicKey);
    expect(text).not.toContain(laptop.credentialId);
    expect((await asAdmin('get', `${ADMIN}/users/${(await newUser('keyless')).id}/factors`)).body.passkeys).toEqual([]);
  });

  it("removes one idempotently and only that user's; a reader may not", async () => {
    const { id } = await newUser('unkeyed');
    const other = await newUser('keyed-bystander');
    const [one, two] = [await addPasskey(id, 'One'), await addPasskey(id, 'Two')];
    const theirs = await addPasskey(other.id);
    expect((await call('delete', `${ADMIN}/users/${id}/passkeys/${one.id}`, { token: tokens.reader })).status).toBe(403);
    expect(await mine(id)).toHaveLength(2);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/passkeys/${one.id}`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/passkeys/${one.id}`)).status).toBe(204);
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/passkeys/${theirs.id}`)).status).toBe(204);
    expect(await mine(id)).toEqual([two.id]);
    expect(await mine(other.id)).toEqual([theirs.id]);
    expect(await server.services.store.findPasskey(one.credentialId)).toBeNull();
    expect((await asAdmin('delete', `${ADMIN}/users/00000000-0000-4000-8000-000000000000/passkeys/${two.id}`)).status).toBe(404);

    const { events } = await (async () => {
      await flushed();
      return (await asAdmin('get', `${ADMIN}/events?user=${id}&type=factor.changed`)).body as { events: any[] };
    })();
    expect(events.map((e) => [e.details.change, e.details.changed, e.actor.via])).toEqual([['passkey-removed', ['passkeys'], 'api']]);
  });
});

describe('assisted TOTP enrolment', () => {
  it('answers a QR code that decodes to a secret which completes a login through the flow API, once', async () => {
    const { id } = await newUser('helen');
    const enrolled = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, {});
    expect(enrolled.status).toBe(200);
    const uri = decodeQrSvg(enrolled.body.qrSvg);
    expect(uri).toBe(enrolled.body.otpauthUri);
    const secret = new URL(uri).searchParams.get('secret')!;
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);

    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    const flow = started.body.flow;
    const pwd = await server.post('/api/v1/flows/password', { flow, username: 'helen', password: 'correct horse battery' });
    expect(pwd.status).toBe(200);
    // The authenticator is in force: the next step asks for its code, it offers no new enrolment.
    expect(JSON.stringify(pwd.body.step)).not.toContain('enrollment');
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('complete');
    expect(done.body.result.idToken).toEqual(expect.any(String));

    // Shown once: nothing the API answers later holds the secret.
    for (const path of [`/users/${id}`, `/users/${id}/factors`])
      expect(JSON.stringify((await asAdmin('get', ADMIN + path)).body)).not.toContain(secret);
    expect(server.logs()).not.toContain(secret);
  });

  it('adds an authenticator beside the others, or replaces them all with `replace`; the factors list them by name, without secrets', async () => {
    const { id } = await newUser('ivy');
    const first = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, { name: 'Phone' });
    const second = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, { name: 'Tablet' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const factors = (await asAdmin('get', `${ADMIN}/users/${id}/factors`)).body;
    expect(factors.totp.authenticators).toEqual([
      { id: first.body.authenticator.id, name: 'Phone', createdAt: expect.any(String), lastUsedAt: null },
      { id: second.body.authenticator.id, name: 'Tablet', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect((await asAdmin('get', `${ADMIN}/users/${id}`)).body.totp).toMatchObject({ enrolled: true, count: 2 });
    const text = JSON.stringify(factors);
    for (const e of [first, second]) expect(text).not.toContain(new URL(e.body.otpauthUri).searchParams.get('secret'));

    const replaced = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, { replace: true, name: 'New phone' });
    expect(replaced.status).toBe(200);
    const after = (await asAdmin('get', `${ADMIN}/users/${id}/factors`)).body.totp.authenticators;
    expect(after).toEqual([expect.objectContaining({ id: replaced.body.authenticator.id, name: 'New phone' })]);
  });

  it('refuses an eleventh authenticator with 409, and removes one by id: its codes stop, the other keeps signing in', async () => {
    const { id } = await newUser('jude');
    const secrets: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const e = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, { name: `App ${i}` });
      expect(e.status).toBe(200);
      secrets.push(new URL(e.body.otpauthUri).searchParams.get('secret')!);
      ids.push(e.body.authenticator.id);
    }
    const full = await asAdmin('post', `${ADMIN}/users/${id}/totp/enrollment`, {});
    expect(full.status).toBe(409);
    expect(full.body.error).toBe('conflict');

    for (const gone of ids.slice(1)) expect((await asAdmin('delete', `${ADMIN}/users/${id}/totp/${gone}`)).status).toBe(204);
    // Idempotent, and an id of another user's authenticator removes nothing of theirs.
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/totp/${ids[1]}`)).status).toBe(204);
    const other = await userWithAuthenticator('other');
    expect((await asAdmin('delete', `${ADMIN}/users/${id}/totp/${other.authenticatorId}`)).status).toBe(204);
    expect((await asAdmin('get', `${ADMIN}/users/${other.userId}/factors`)).body.totp.authenticators).toHaveLength(1);
    expect((await asAdmin('delete', `${ADMIN}/users/00000000-0000-4000-8000-000000000000/totp/${ids[0]}`)).status).toBe(404);
    expect((await asAdmin('get', `${ADMIN}/users/${id}/factors`)).body.totp.authenticators.map((a: { id: string }) => a.id)).toEqual([ids[0]]);

    const login = async (secret: string) => {
      const flow = (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow;
      await server.post('/api/v1/flows/password', { flow, username: 'jude', password: 'correct horse battery' });
      return server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    };
    expect((await login(secrets[5]!)).status).toBe(401);
    expect((await login(secrets[0]!)).body.status).toBe('complete');
  });
});

describe('admin access tokens', () => {
  it('expire after admin.accessTokenTtlSeconds, then answer the same 401', async () => {
    const token = (
      await clientCredentialsToken(
        server,
        'backoffice-late',
        (
          await newClient('backoffice-late', { scopes: ['admin'], generateSecret: true, allowedOrigins: [] })
        ).clientSecret!,
      )
    ).body.access_token as string;
    expect((await call('get', `${ADMIN}/users`, { token })).status).toBe(200);
    server.advance(301);
    const expired = await call('get', `${ADMIN}/users`, { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('A valid admin credential is required.');
  });
});

describe('two instances on one Postgres database', () => {
  it('let exactly one of two concurrent If-Match updates win, one through each instance', async () => {
    const db = await testSchema();
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-admin-pg-'));
    const config = { store: { type: 'postgres' as const, url: db.url, schema: db.schema }, keyFile: path.join(dir, 'shared.key') };
    const first = await startTestServer(config, { env: { MFA_LOGIN_ADMIN_TOKEN: STATIC_TOKEN } });
    const second = await startTestServer({ ...config, demo: false }, { env: { MFA_LOGIN_ADMIN_TOKEN: STATIC_TOKEN } });
    try {
      const created = await adminCall(first, 'post', `${ADMIN}/users`, { token: STATIC_TOKEN, body: { username: 'pg-race', phone: '+12015550177' } });
      const id = created.body.user.id;
      const etag = created.headers.get('etag')!;
      const answers = await Promise.all(
        [first, second].map((s, i) =>
          adminCall(s, 'patch', `${ADMIN}/users/${id}`, {
            token: STATIC_TOKEN,
            body: { displayName: `Instance ${i}` },
            headers: { 'if-match': etag },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const found = await adminCall(second, 'get', `${ADMIN}/users?phone=%2B12015550177`, { token: STATIC_TOKEN });
      expect(found.body.users).toHaveLength(1);
      expect(found.body.users[0].displayName).toBe(answers.find((a) => a.status === 200)!.body.displayName);
    } finally {
      await second.stop();
      await first.stop();
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
});

describe('admin clients for OpenID Connect', () => {
  it('creates, reads and replaces redirect URIs, logout URIs, public, logo and stylesheet, checked as in the config file', async () => {
    const created = await asAdmin('post', `${ADMIN}/clients`, {
      clientId: 'spa',
      name: 'SPA',
      allowedOrigins: ['https://spa.example'],
      redirectUris: ['https://spa.example/callback'],
      postLogoutRedirectUris: ['https://spa.example/'],
      public: true,
      logoUri: 'https://spa.example/logo.svg',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.client).toMatchObject({
      redirectUris: ['https://spa.example/callback'],
      postLogoutRedirectUris: ['https://spa.example/'],
      public: true,
      hasSecret: false,
      logoUri: 'https://spa.example/logo.svg',
      cssUri: null,
    });
    // The hosted page knows it: /authorize sends its code to the registered URI only.
    const authorize = (redirect: string) =>
      fetch(
        `${server.url}/authorize?${new URLSearchParams({
          client_id: 'spa',
          redirect_uri: redirect,
          response_type: 'code',
          scope: 'openid',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        })}`,
        { redirect: 'manual' },
      );
    expect((await authorize('https://spa.example/callback')).status).toBe(200);
    expect((await authorize('https://spa.example/other')).status).toBe(400);

    const get = await asAdmin('get', `${ADMIN}/clients/spa`);
    const { clientId: _, hasSecret: __, source: ___, ...settings } = get.body;
    const replaced = await asAdmin(
      'put',
      `${ADMIN}/clients/spa`,
      { ...settings, redirectUris: ['https://spa.example/cb2'], cssUri: 'https://spa.example/theme.css', logoUri: null },
      { 'if-match': get.headers.get('etag')! },
    );
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ redirectUris: ['https://spa.example/cb2'], cssUri: 'https://spa.example/theme.css', logoUri: null });

    for (const [label, body] of [
      ['a redirect URI with a fragment', { redirectUris: ['https://spa.example/cb#x'] }],
      ['a redirect URI that is not http(s)', { redirectUris: ['javascript:alert(1)'] }],
      ['a public client with a secret', { public: true, generateSecret: true }],
      ['a public client with admin scopes', { public: true, scopes: ['admin'] }],
      ['a logo that is no URL', { logoUri: 'logo.svg' }],
    ] as const) {
      const res = await asAdmin('post', `${ADMIN}/clients`, { clientId: `bad-${randomBytes(3).toString('hex')}`, name: 'Bad', ...body });
      expect(res.status, label).toBe(400);
      expect(res.body.error, label).toBe('invalid_request');
    }
    expect((await asAdmin('post', `${ADMIN}/clients/spa/secret`, {})).status).toBe(409);
  });

  it('never lets an admin client run /authorize or the authorization code grant', async () => {
    await newClient('machine-oidc', { scopes: ['admin'], generateSecret: true, allowedOrigins: [], redirectUris: ['https://m.example/cb'] });
    const res = await fetch(
      `${server.url}/authorize?${new URLSearchParams({
        client_id: 'machine-oidc',
        redirect_uri: 'https://m.example/cb',
        response_type: 'code',
        scope: 'openid',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});

describe('the audit log of admin actions', () => {
  type Event = { type: string; userId: string | null; clientId: string | null; actor: any; details: any };
  const events = async (query: string, token = tokens.static) => {
    await flushed();
    const res = await call('get', `${ADMIN}/events?${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { events: Event[]; nextCursor: string | null };
  };

  it('records who did what through the API: the static token by a keyed id, a client by its id and the token jti; field names, never values', async () => {
    const { id } = await newUser('audited', { phone: '+12015550111' });
    const etag = (await asAdmin('get', `${ADMIN}/users/${id}`)).headers.get('etag')!;
    expect((await asAdmin('patch', `${ADMIN}/users/${id}`, { phone: '+12015550122', displayName: 'Audrey' }, { 'if-match': etag })).status).toBe(200);
    // A token of its own: the clock of this server was moved past the suite's first tokens.
    const token = await machineToken('audit-office', ['admin']);
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;
    expect((await call('post', `${ADMIN}/users/${id}/disable`, { token, body: {} })).status).toBe(200);

    const { events: mine } = await events(`user=${id}&order=asc`);
    expect(mine.map((e) => [e.type, e.details.action ?? e.details.change])).toEqual([
      ['admin.action', 'user.create'],
      ['factor.changed', 'phone-set'],
      ['admin.action', 'user.disable'],
    ]);
    const [created, changed, disabled] = mine as [Event, Event, Event];
    expect(created.actor).toEqual({ kind: 'admin', via: 'api', clientId: 'static-token', tokenId: expect.stringMatching(/^[\w-]{16}$/) });
    expect(changed.actor).toEqual(created.actor);
    expect(changed.details).toMatchObject({ via: 'api', change: 'phone-set', changed: expect.arrayContaining(['phone', 'displayName']) });
    expect(disabled.actor).toEqual({ kind: 'admin', via: 'api', clientId: 'audit-office', tokenId: jti });
    expect(disabled.details.changed).toEqual(['disabled']);
    const text = JSON.stringify(mine);
    for (const secret of ['+12015550111', '+12015550122', 'Audrey', STATIC_TOKEN, token, 'correct horse battery']) expect(text).not.toContain(secret);
    expect(STATIC_TOKEN).not.toContain(created.actor.tokenId);
  });

  it('records the client_credentials grant as token.issued, with the jti its actions are recorded under', async () => {
    const { clientSecret } = await newClient('issuer-check', { scopes: ['admin:read'], generateSecret: true, allowedOrigins: [] });
    const token = (await clientCredentialsToken(server, 'issuer-check', clientSecret!)).body.access_token as string;
    const { events: issued } = await events('client=issuer-check&type=token.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.details).toEqual({
      tokenType: 'access_token',
      grant: 'client_credentials',
      scope: 'admin:read',
      tokenId: JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti,
    });
    expect(JSON.stringify(issued)).not.toContain(token);
    expect(JSON.stringify(issued)).not.toContain(clientSecret);
  });

  it('records client changes by field name and factor changes as factor.changed', async () => {
    await newClient('audit-app');
    const get = await asAdmin('get', `${ADMIN}/clients/audit-app`);
    const { clientId: _, hasSecret: __, source: ___, ...settings } = get.body;
    await asAdmin(
      'put',
      `${ADMIN}/clients/audit-app`,
      { ...settings, name: 'Renamed', redirectUris: ['https://app.example/cb'] },
      {
        'if-match': get.headers.get('etag')!,
      },
    );
    const rotated = await asAdmin('post', `${ADMIN}/clients/audit-app/secret`, {});
    const { events: clientEvents } = await events('client=audit-app&type=admin.action&order=asc');
    expect(clientEvents.map((e) => [e.details.action, e.details.changed])).toEqual([
      ['client.create', undefined],
      ['client.replace', ['name', 'redirectUris']],
      ['client.rotate-secret', ['clientSecret']],
    ]);
    expect(JSON.stringify(clientEvents)).not.toContain(rotated.body.clientSecret);

    const { userId, authenticatorId } = await userWithAuthenticator('aud');
    await asAdmin('delete', `${ADMIN}/users/${userId}/totp/${authenticatorId}`);
    await asAdmin('post', `${ADMIN}/users/${userId}/totp/reset`, {});
    const { events: factorEvents } = await events(`user=${userId}&type=factor.changed&order=asc`);
    expect(factorEvents.map((e) => e.details.change)).toEqual(['totp-added', 'totp-removed', 'totp-reset']);

    const { userId: trusting, deviceId } = await userWithDevice('aud-dev');
    await asAdmin('delete', `${ADMIN}/users/${trusting}/devices/${deviceId}`);
    await asAdmin('delete', `${ADMIN}/users/${trusting}/devices/${deviceId}`);
    await trustDevice(trusting);
    await asAdmin('delete', `${ADMIN}/users/${trusting}/devices`);
    const { events: deviceEvents } = await events(`user=${trusting}&type=factor.changed&order=asc`);
    expect(deviceEvents.map((e) => [e.details.change, e.details.changed, e.details.trustedDevicesRevoked])).toEqual([
      ['trusted-device-revoked', ['trustedDevices'], undefined],
      ['trusted-devices-revoked', ['trustedDevices'], 1],
    ]);
    expect(deviceEvents.every((e) => e.actor.via === 'api' && e.details.via === 'api')).toBe(true);
  });

  it('filters events by user, client, type and time, and pages by cursor; a bad filter or cursor answers 400', async () => {
    const { id } = await newUser('pager');
    for (const name of ['A', 'B', 'C', 'D']) {
      const etag = (await asAdmin('get', `${ADMIN}/users/${id}`)).headers.get('etag')!;
      await asAdmin('patch', `${ADMIN}/users/${id}`, { displayName: name }, { 'if-match': etag });
    }
    const all = (await events(`user=${id}&limit=500`)).events;
    expect(all).toHaveLength(5);
    const seen: Event[] = [];
    let cursor: string | null = null;
    do {
      const page: { events: Event[]; nextCursor: string | null } = await events(`user=${id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await events(`user=${id}&type=admin.action&type=factor.changed`)).events).toHaveLength(5);
    expect((await events(`user=${id}&type=factor.changed`)).events).toHaveLength(0);
    const future = new Date(server.services.now().getTime() + 3_600_000).toISOString();
    expect((await events(`user=${id}&from=${encodeURIComponent(future)}`)).events).toHaveLength(0);
    expect((await events(`user=${id}&to=${encodeURIComponent(future)}`)).events).toHaveLength(5);
    // The reader scope reads the log.
    expect((await events(`user=${id}`, await machineToken('audit-reader', ['admin:read']))).events).toHaveLength(5);
    for (const query of ['type=nope', 'limit=0', 'from=yesterday', 'cursor=abc', 'order=sideways']) {
      const res = await asAdmin('get', `${ADMIN}/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(contractErrorProblem(res), query).toBeNull();
    }
  });
});
