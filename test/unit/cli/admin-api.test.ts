import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../../../contract/admin-paths.js';
import { adminCall, clientCredentialsToken } from '../../support/admin.js';
import { totpAt } from '../../support/login.js';
import { deviceKey } from '../../support/trusted-device.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { cliHarness, type CliHarness } from './harness.js';

/**
 * One behaviour, two doors: the CLI and the admin API run the same operations on the same
 * store. Each case does one thing through each door to twin users (or clients) and compares.
 */
const TOKEN = randomBytes(32).toString('base64url');
let cli: CliHarness;
let server: TestServer;

const api = (method: string, p: string, body?: unknown, headers?: Record<string, string>) =>
  adminCall(server, method, p, { token: TOKEN, body, ...(headers ? { headers } : {}) });

/** What a user view says apart from who it is and when it changed. */
const sameness = ({ id: _, username: __, displayName: ___, createdAt: ____, updatedAt: _____, mfaSince, totp, ...rest }: Record<string, any>) => ({
  ...rest,
  mfaSince: mfaSince !== null,
  totp: { enrolled: totp.enrolled },
});

async function twins(prefix: string) {
  const made = [];
  for (const door of ['cli', 'api']) {
    const username = `${prefix}-${door}`;
    const created = await api('post', `${ADMIN}/users`, { username, password: 'correct horse battery' });
    expect(created.status).toBe(201);
    made.push({ id: created.body.user.id as string, username });
  }
  return made as [{ id: string; username: string }, { id: string; username: string }];
}

async function cliUser(username: string) {
  const shown = await cli.run('user', 'show', username, '--json');
  expect(shown.code, shown.err).toBe(0);
  return shown.json().user;
}

beforeAll(async () => {
  cli = await cliHarness('sqlite');
  server = await startTestServer(
    { store: { type: 'sqlite', path: path.join(cli.dir, 'mfa-login.db') }, keyFile: path.join(cli.dir, 'mfa-login.key') },
    { env: { MFA_LOGIN_ADMIN_TOKEN: TOKEN } },
  );
});

afterAll(async () => {
  await server?.stop();
  await cli?.cleanup();
});

describe('the CLI and the admin API', () => {
  it('show the same user the same way', async () => {
    const created = await api('post', `${ADMIN}/users`, { username: 'Same', displayName: 'Sam E', phone: '+12015550123', email: 'same@example.com' });
    expect(created.body.password).toEqual(expect.any(String));
    const viaApi = (await api('get', `${ADMIN}/users/${created.body.user.id}`)).body;
    expect(await cliUser('same')).toEqual(viaApi);
  });

  it('disable and enable alike', async () => {
    const [a, b] = await twins('dis');
    expect((await cli.run('user', 'disable', a.username)).code).toBe(0);
    expect((await api('post', `${ADMIN}/users/${b.id}/disable`, {})).status).toBe(200);
    const [viaCli, viaApi] = [(await api('get', `${ADMIN}/users/${a.id}`)).body, await cliUser(b.username)];
    expect(viaCli.disabled).toBe(true);
    expect(sameness(viaCli)).toEqual(sameness(viaApi));
    expect((await cli.run('user', 'enable', a.username)).code).toBe(0);
    expect((await api('post', `${ADMIN}/users/${b.id}/enable`, {})).status).toBe(200);
    expect(sameness((await api('get', `${ADMIN}/users/${a.id}`)).body)).toEqual(sameness(await cliUser(b.username)));
  });

  it('import backup codes alike, skipping the same codes the second time', async () => {
    const [a, b] = await twins('codes');
    const codes = ['aaaaa-11111', 'bbbbb-22222', 'ccccc-33333'];
    const viaCli = await cli.run('user', 'backup-codes', 'import', a.username, codes.join(','), '--json');
    const viaApi = await api('post', `${ADMIN}/users/${b.id}/backup-codes/import`, { codes });
    const { username: _, ...cliResult } = viaCli.json();
    expect(cliResult).toEqual(viaApi.body);
    expect(viaApi.body).toEqual({ imported: 3, skipped: 0, replaced: false, remaining: 3 });
    const again = await cli.run('user', 'backup-codes', 'import', a.username, codes.join(','), '--json');
    const againApi = await api('post', `${ADMIN}/users/${b.id}/backup-codes/import`, { codes });
    expect({ ...again.json(), username: undefined }).toEqual({ ...againApi.body, username: undefined });
    expect(againApi.body.skipped).toBe(3);
  });

  it('set up an authenticator that signs in, and reset it, alike', async () => {
    const [a, b] = await twins('totp');
    const viaCli = await cli.run('user', 'enrol-totp', a.username, '--json');
    expect(viaCli.code, viaCli.err).toBe(0);
    const viaApi = await api('post', `${ADMIN}/users/${b.id}/totp/enrollment`, {});
    expect(Object.keys(viaCli.json()).sort()).toEqual(['username', ...Object.keys(viaApi.body)].sort());
    for (const [user, uri] of [
      [a, viaCli.json().otpauthUri],
      [b, viaApi.body.otpauthUri],
    ] as const) {
      const flow = (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow;
      expect((await server.post('/api/v1/flows/password', { flow, username: user.username, password: 'correct horse battery' })).status).toBe(200);
      const secret = new URL(uri).searchParams.get('secret')!;
      const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
      expect(done.body.status, user.username).toBe('complete');
    }
    expect(sameness(await cliUser(a.username))).toEqual(sameness((await api('get', `${ADMIN}/users/${b.id}`)).body));
    // The logins' device tokens in the store, as they are a moment later: the CLI counts what it finds there.
    await server.services.deviceTokens.flush();
    const resetCli = await cli.run('user', 'reset-totp', a.username, '--json');
    const resetApi = await api('post', `${ADMIN}/users/${b.id}/totp/reset`, {});
    const { username: _, ...cliResult } = resetCli.json();
    expect(cliResult).toEqual(resetApi.body);
    expect(resetApi.body.removed).toBe(true);
  });

  it('make clients alike, and rotate a secret that then works for the admin API', async () => {
    const viaCli = await cli.run('client', 'add', 'ops-cli', '--name', 'Ops', '--scope', 'admin:read', '--generate-secret', '--json');
    expect(viaCli.code, viaCli.err).toBe(0);
    const viaApi = await api('post', `${ADMIN}/clients`, { clientId: 'ops-api', name: 'Ops', scopes: ['admin:read'], generateSecret: true });
    const read = async (id: string) => {
      const { clientId: _, ...rest } = (await api('get', `${ADMIN}/clients/${id}`)).body;
      return rest;
    };
    expect(await read('ops-cli')).toEqual(await read('ops-api'));
    expect(viaCli.json().client).toEqual((await api('get', `${ADMIN}/clients/ops-cli`)).body);

    const rotated = await cli.run('client', 'rotate-secret', 'ops-cli', '--json');
    expect(rotated.code, rotated.err).toBe(0);
    expect((await clientCredentialsToken(server, 'ops-cli', viaCli.json().clientSecret)).status).toBe(401);
    const token = await clientCredentialsToken(server, 'ops-cli', rotated.json().clientSecret);
    expect(token.status).toBe(200);
    expect((await adminCall(server, 'get', `${ADMIN}/users`, { token: token.body.access_token })).status).toBe(200);
    expect(viaApi.body.clientSecret).toEqual(expect.any(String));
  });

  it('refuse the same way: an unknown user, a taken name', async () => {
    const missing = await cli.run('user', 'disable', 'nobody-here', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err).error).toBe('not_found');
    await api('post', `${ADMIN}/users`, { username: 'taken' });
    const taken = await cli.run('user', 'add', 'taken', '--json');
    expect(JSON.parse(taken.err)).toMatchObject({ error: 'conflict' });
    expect((await api('post', `${ADMIN}/users`, { username: 'taken' })).body.error).toBe('conflict');
  });

  it('add an authenticator beside the others, replace them all, and remove one by id, alike', async () => {
    const [a, b] = await twins('apps');
    for (const name of ['Phone', 'Tablet']) {
      expect((await cli.run('user', 'enrol-totp', a.username, '--name', name, '--json')).code).toBe(0);
      expect((await api('post', `${ADMIN}/users/${b.id}/totp/enrollment`, { name })).status).toBe(200);
    }
    const apps = async (id: string) => (await api('get', `${ADMIN}/users/${id}/factors`)).body.totp.authenticators as { id: string; name: string }[];
    expect((await apps(a.id)).map((x) => x.name)).toEqual(['Phone', 'Tablet']);
    expect((await apps(b.id)).map((x) => x.name)).toEqual(['Phone', 'Tablet']);
    const listed = (await cli.run('user', 'totp', 'list', a.username, '--json')).json().authenticators;
    expect(listed.map((x: { id: string }) => x.id)).toEqual((await apps(a.id)).map((x) => x.id));

    const [phoneA] = await apps(a.id);
    const [phoneB] = await apps(b.id);
    expect((await cli.run('user', 'totp', 'remove', a.username, phoneA!.id)).code).toBe(0);
    expect((await api('delete', `${ADMIN}/users/${b.id}/totp/${phoneB!.id}`)).status).toBe(204);
    expect((await apps(a.id)).map((x) => x.name)).toEqual(['Tablet']);
    expect((await apps(b.id)).map((x) => x.name)).toEqual(['Tablet']);

    const replaced = await cli.run('user', 'enrol-totp', a.username, '--replace', '--name', 'New', '--json');
    expect(replaced.code, replaced.err).toBe(0);
    expect((await api('post', `${ADMIN}/users/${b.id}/totp/enrollment`, { replace: true, name: 'New' })).status).toBe(200);
    expect((await apps(a.id)).map((x) => x.name)).toEqual(['New']);
    expect((await apps(b.id)).map((x) => x.name)).toEqual(['New']);
    expect((await apps(a.id))[0]!.id).toBe(replaced.json().authenticator.id);
  });

  it('make OpenID Connect clients alike', async () => {
    const viaCli = await cli.run(
      'client',
      'add',
      'oidc-cli',
      '--name',
      'Web',
      '--public',
      '--redirect-uri',
      'https://web.example/cb',
      '--post-logout-redirect-uri',
      'https://web.example/',
      '--logo-uri',
      'https://web.example/logo.svg',
      '--json',
    );
    expect(viaCli.code, viaCli.err).toBe(0);
    const viaApi = await api('post', `${ADMIN}/clients`, {
      clientId: 'oidc-api',
      name: 'Web',
      public: true,
      redirectUris: ['https://web.example/cb'],
      postLogoutRedirectUris: ['https://web.example/'],
      logoUri: 'https://web.example/logo.svg',
    });
    expect(viaApi.status, JSON.stringify(viaApi.body)).toBe(201);
    const { clientId: _, ...cliClient } = (await api('get', `${ADMIN}/clients/oidc-cli`)).body;
    const { clientId: __, ...apiClient } = (await api('get', `${ADMIN}/clients/oidc-api`)).body;
    expect(cliClient).toEqual(apiClient);
    expect(apiClient).toMatchObject({ public: true, hasSecret: false, redirectUris: ['https://web.example/cb'], cssUri: null });
  });

  it('record each admin action once in the audit log, with the door and the operator it came through', async () => {
    const [a, b] = await twins('aud');
    expect((await cli.run('user', 'set-email', a.username, 'a@example.com')).code).toBe(0);
    expect((await api('patch', `${ADMIN}/users/${b.id}`, { email: 'b@example.com' }, { 'if-match': '*' })).status).toBe(200);
    expect((await cli.run('user', 'disable', a.username)).code).toBe(0);
    expect((await cli.run('user', 'backup-codes', 'generate', a.username)).code).toBe(0);
    expect((await cli.run('client', 'add', 'aud-app', '--name', 'Aud')).code).toBe(0);
    await server.services.audit.flush();
    const of = async (query: string) => (await api('get', `${ADMIN}/events?${query}&order=asc`)).body.events as any[];

    const cliEvents = await of(`user=${a.id}`);
    expect(cliEvents.map((e) => [e.type, e.details.action ?? e.details.change])).toEqual([
      ['admin.action', 'user.create'],
      ['factor.changed', 'email-set'],
      ['admin.action', 'user.disable'],
      ['factor.changed', 'backup-codes-renewed'],
    ]);
    for (const e of cliEvents.slice(1)) {
      expect(e.actor).toEqual({ kind: 'admin', via: 'cli', osUser: expect.any(String) });
      expect(e.details.via).toBe('cli');
    }
    expect(cliEvents[1].details.changed).toEqual(['email']);
    const apiEvents = await of(`user=${b.id}`);
    expect(apiEvents.map((e) => e.details.action ?? e.details.change)).toEqual(['user.create', 'email-set']);
    expect(apiEvents[1].actor).toMatchObject({ kind: 'admin', via: 'api', clientId: 'static-token' });
    expect(JSON.stringify([...cliEvents, ...apiEvents])).not.toMatch(/a@example\.com|b@example\.com/);
    const clientEvents = await of('client=aud-app');
    expect(clientEvents.map((e) => [e.type, e.details.action, e.actor.via])).toEqual([['admin.action', 'client.create', 'cli']]);
  });

  it('revoke the trusted devices on a TOTP reset, a new authenticator, a new phone and a new password, alike', async () => {
    const [a, b] = await twins('trust');
    const store = server.services.store;
    const trust = async (userId: string) => {
      const { jwk } = await deviceKey();
      const expiresAt = new Date(server.services.now().getTime() + 86_400_000).toISOString();
      const id = `dev-${randomBytes(6).toString('hex')}`;
      await store.addTrustedDevice(
        { id, userId, clientId: 'demo', publicJwk: jwk as never, name: 'Chrome on Linux', expiresAt },
        server.services.now(),
      );
    };
    const live = async (userId: string) => (await store.listTrustedDevices(userId, server.services.now())).length;

    for (const u of [a, b]) await trust(u.id);
    const viaCli = await cli.run('user', 'reset-totp', a.username, '--json');
    const viaApi = await api('post', `${ADMIN}/users/${b.id}/totp/reset`, {});
    expect(viaCli.json().trustedDevicesRevoked).toBe(1);
    expect(viaApi.body.trustedDevicesRevoked).toBe(1);
    expect([await live(a.id), await live(b.id)]).toEqual([0, 0]);

    for (const u of [a, b]) await trust(u.id);
    expect((await cli.run('user', 'enrol-totp', a.username)).code).toBe(0);
    expect((await api('post', `${ADMIN}/users/${b.id}/totp/enrollment`, {})).status).toBe(200);
    expect([await live(a.id), await live(b.id)]).toEqual([0, 0]);

    for (const u of [a, b]) await trust(u.id);
    expect((await cli.run('user', 'set-phone', a.username, '+12015550166')).code).toBe(0);
    expect((await api('patch', `${ADMIN}/users/${b.id}`, { phone: '+12015550167' }, { 'if-match': '*' })).status).toBe(200);
    expect([await live(a.id), await live(b.id)]).toEqual([0, 0]);
    // A change of the display name alone keeps them.
    await trust(b.id);
    expect((await api('patch', `${ADMIN}/users/${b.id}`, { displayName: 'Trusty' }, { 'if-match': '*' })).status).toBe(200);
    expect(await live(b.id)).toBe(1);

    await trust(a.id);
    const password = await cli.run('user', 'set-password', a.username, '--password', 'another horse battery', '--json');
    expect(password.code, password.err).toBe(0);
    expect(password.json().trustedDevicesRevoked).toBe(1);
    expect(await live(a.id)).toBe(0);
  });

  it('list trusted devices and revoke one, then all, alike, recorded as the same factor changes', async () => {
    const [a, b] = await twins('devs');
    const store = server.services.store;
    const trust = async (userId: string, name: string) => {
      const { jwk } = await deviceKey();
      const expiresAt = new Date(server.services.now().getTime() + 86_400_000).toISOString();
      const id = randomBytes(16).toString('base64url');
      await store.addTrustedDevice({ id, userId, clientId: 'demo', publicJwk: jwk as never, name, expiresAt }, server.services.now());
      return id;
    };
    const ids: Record<string, string[]> = { [a.id]: [], [b.id]: [] };
    for (const u of [a, b]) for (const name of ['Firefox on Windows', 'Safari on iOS', 'Chrome on Linux']) ids[u.id]!.push(await trust(u.id, name));
    const shape = (devices: { id: string; name: string; clientId: string; lastUsedAt: string | null }[]) =>
      devices.map(({ name, clientId, lastUsedAt }) => ({ name, clientId, lastUsedAt })).sort((x, y) => x.name.localeCompare(y.name));

    const listedCli = await cli.run('user', 'devices', a.username, '--json');
    expect(listedCli.code, listedCli.err).toBe(0);
    const factorsOfA = (await api('get', `${ADMIN}/users/${a.id}/factors`)).body.trustedDevices;
    expect(listedCli.json().devices).toEqual(factorsOfA);
    expect(shape(factorsOfA)).toEqual(shape((await api('get', `${ADMIN}/users/${b.id}/factors`)).body.trustedDevices));
    expect(shape(factorsOfA)).toHaveLength(3);

    expect((await cli.run('user', 'revoke-device', a.username, ids[a.id]![0]!)).code).toBe(0);
    expect((await api('delete', `${ADMIN}/users/${b.id}/devices/${ids[b.id]![0]}`)).status).toBe(204);
    const trusted = async (id: string) => shape((await api('get', `${ADMIN}/users/${id}/factors`)).body.trustedDevices);
    expect(await trusted(a.id)).toEqual(await trusted(b.id));
    expect((await trusted(a.id)).map((d) => d.name)).toEqual(['Chrome on Linux', 'Safari on iOS']);
    // Revoked already: the CLI says so, the API answers 204 as deletes do.
    expect(JSON.parse((await cli.run('user', 'revoke-device', a.username, ids[a.id]![0]!, '--json')).err).error).toBe('not_found');
    expect((await api('delete', `${ADMIN}/users/${b.id}/devices/${ids[b.id]![0]}`)).status).toBe(204);

    expect((await cli.run('user', 'revoke-device', a.username, '--all', '--json')).json()).toEqual({ username: a.username, revoked: 2 });
    expect((await api('delete', `${ADMIN}/users/${b.id}/devices`)).status).toBe(204);
    expect([await trusted(a.id), await trusted(b.id)]).toEqual([[], []]);

    await server.services.audit.flush();
    const changes = async (id: string) =>
      ((await api('get', `${ADMIN}/events?user=${id}&type=factor.changed&order=asc`)).body.events as any[]).map((e) => ({
        via: e.actor.via,
        change: e.details.change,
        changed: e.details.changed,
        trustedDevicesRevoked: e.details.trustedDevicesRevoked,
      }));
    const [viaCli, viaApi] = [await changes(a.id), await changes(b.id)];
    expect(viaCli.map((e) => e.via)).toEqual(['cli', 'cli']);
    expect(viaApi.map((e) => e.via)).toEqual(['api', 'api']);
    expect(viaCli.map(({ via: _, ...e }) => e)).toEqual(viaApi.map(({ via: _, ...e }) => e));
    expect(viaApi).toEqual([
      { via: 'api', change: 'trusted-device-revoked', changed: ['trustedDevices'], trustedDevicesRevoked: undefined },
      { via: 'api', change: 'trusted-devices-revoked', changed: ['trustedDevices'], trustedDevicesRevoked: 2 },
    ]);
  });

  it('list passkeys and remove one alike, recorded as the same factor change', async () => {
    const [a, b] = await twins('keys');
    const add = async (userId: string, name: string) =>
      (await server.services.store.createPasskey(
        {
          userId,
          credentialId: randomBytes(16).toString('base64url'),
          publicKey: randomBytes(77).toString('base64url'),
          counter: 0,
          transports: ['usb'],
          backupEligible: false,
          backedUp: false,
          name,
        },
        server.services.now(),
      ))!.id;
    const ids = { a: [await add(a.id, 'Key A'), await add(a.id, 'Key B')], b: [await add(b.id, 'Key A'), await add(b.id, 'Key B')] };
    const keys = async (id: string) =>
      ((await api('get', `${ADMIN}/users/${id}/factors`)).body.passkeys as { id: string; name: string; transports: string[]; backedUp: boolean }[])
        .map(({ name, transports, backedUp }) => ({ name, transports, backedUp }))
        .sort((x, y) => x.name.localeCompare(y.name));
    expect(await keys(a.id)).toEqual(await keys(b.id));
    const listed = (await cli.run('user', 'passkeys', 'list', a.username, '--json')).json().passkeys.map((p: { id: string }) => p.id);
    expect(listed.sort()).toEqual([...ids.a].sort());

    expect((await cli.run('user', 'passkeys', 'remove', a.username, ids.a[0]!)).code).toBe(0);
    expect((await api('delete', `${ADMIN}/users/${b.id}/passkeys/${ids.b[0]}`)).status).toBe(204);
    expect(await keys(a.id)).toEqual(await keys(b.id));
    expect((await keys(a.id)).map((k) => k.name)).toEqual(['Key B']);
    // Gone already: the CLI says so, the API answers 204 as deletes do.
    expect((await cli.run('user', 'passkeys', 'remove', a.username, ids.a[0]!)).code).toBe(1);
    expect((await api('delete', `${ADMIN}/users/${b.id}/passkeys/${ids.b[0]}`)).status).toBe(204);

    await server.services.audit.flush();
    const changes = async (id: string) =>
      ((await api('get', `${ADMIN}/events?user=${id}&type=factor.changed&order=asc`)).body.events as any[]).map((e) => [
        e.actor.via,
        e.details.change,
        e.details.changed,
      ]);
    expect(await changes(a.id)).toEqual([['cli', 'passkey-removed', ['passkeys']]]);
    expect(await changes(b.id)).toEqual([['api', 'passkey-removed', ['passkeys']]]);
  });
});
