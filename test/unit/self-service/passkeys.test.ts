import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/server.js';
import { assert as signWith, register } from '../../support/soft-authenticator.js';
import { bearer, signInForSettings } from './signed-in.js';

describe('self-service: passkeys', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  it('adds a passkey under a settings grant, which then signs in; renames and removes it', async () => {
    const { idToken, me } = await signInForSettings(server);
    const { options } = (await me.post('/api/v1/me/passkeys/options', {})).body;
    expect(options).toMatchObject({ rp: { id: '127.0.0.1' }, authenticatorSelection: { residentKey: 'required' }, excludeCredentials: [] });
    const { credential, response } = register(options, me.origin);
    const added = await me.post('/api/v1/me/passkeys', { response, name: 'Work laptop' });
    expect(added.status).toBe(200);
    const [passkey] = added.body.factors.passkeys;
    expect(passkey).toMatchObject({ name: 'Work laptop', lastUsedAt: null, synced: false });
    // The challenge was taken: the same answer again is refused.
    expect((await me.post('/api/v1/me/passkeys', { response })).body.error).toBe('invalid_request');
    expect(server.logs()).toContain('passkey-added');

    // The demo client offers passkeys in its second step: it signs in.
    const { flow } = (await server.post('/api/v1/flows', { clientId: 'demo' }, { origin: me.origin })).body;
    await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, { origin: me.origin });
    const { passkeyOptions } = (await server.post('/api/v1/flows/passkey/options', { flow }, { origin: me.origin })).body;
    const done = await server.post(
      '/api/v1/flows/passkey/verify',
      { flow, response: signWith(credential, passkeyOptions, me.origin) },
      { origin: me.origin },
    );
    expect(done.body.status).toBe('complete');

    const renamed = await me.post('/api/v1/me/passkeys/rename', { id: passkey.id, name: 'Old laptop' });
    expect(renamed.body.factors.passkeys[0].name).toBe('Old laptop');
    expect((await me.post('/api/v1/me/passkeys/remove', { id: passkey.id })).body.factors.passkeys).toEqual([]);
    expect((await me.post('/api/v1/me/passkeys/remove', { id: passkey.id })).status).toBe(404);
    expect((await server.get('/api/v1/me', bearer(idToken))).body.factors.passkeys).toEqual([]);
  });

  it('refuses a new passkey from an origin the client does not list', async () => {
    const { me } = await signInForSettings(server);
    const { options } = (await me.post('/api/v1/me/passkeys/options', {})).body;
    const { response } = register(options, 'https://evil.example');
    const res = await me.post('/api/v1/me/passkeys', { response });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('invalid_credentials');
  });
});
