import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedContext } from '../../../server/methods/totp.js';
import { checkTotp } from '../../../server/methods/totp-core.js';
import { cliHarness, type CliHarness } from './harness.js';

describe.each(['sqlite', 'postgres'] as const)('mfa-login user totp … (%s)', (kind) => {
  let cli: CliHarness;
  beforeEach(async () => {
    cli = await cliHarness(kind);
    await cli.run('user', 'add', 'alice', '--password', 'alice password');
  });
  afterEach(() => cli.cleanup());

  const apps = async () => {
    const { store } = await cli.services();
    return store.listTotp((await store.findUserByUsername('alice'))!.id);
  };

  it('adds authenticators: a new secret printed once and sealed at rest, or a hardware seed', async () => {
    const phone = await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone', '--json');
    expect(phone.code).toBe(0);
    const { secret, otpauthUri, authenticator } = phone.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
    expect(authenticator).toMatchObject({ name: 'Phone', lastUsedAt: null, driftSteps: 0 });

    const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const token = await cli.run('user', 'totp', 'add', 'alice', '--name', 'YubiKey', '--secret', seed.toLowerCase(), '--json');
    expect(token.code).toBe(0);
    expect(token.json()).not.toHaveProperty('secret');

    const stored = await apps();
    expect(stored.map((a) => a.name)).toEqual(['Phone', 'YubiKey']);
    expect(stored[0]!.sealedSecret).not.toContain(secret);
    // The seed given is the one codes are checked against.
    const { keyring } = await cli.services();
    const opened = keyring.open(stored[1]!.sealedSecret, seedContext(stored[1]!.userId));
    const now = new Date();
    const code = await generate({ secret: seed, epoch: Math.floor(now.getTime() / 1000) });
    expect(
      checkTotp({ secret: opened, code, params: { algorithm: 'sha1', digits: 6, period: 30 }, window: 0, now, afterTimeStep: null }),
    ).not.toBeNull();
  });

  it('refuses a seed shorter than 128 bits', async () => {
    const res = await cli.run('user', 'totp', 'add', 'alice', '--secret', 'JBSWY3DP');
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--secret: at least 26 base32 characters/);
  });

  it('lists the apps with id, name, when added and last used, and never a secret', async () => {
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone');
    const listed = await cli.run('user', 'totp', 'list', 'alice');
    expect(listed.out).toMatch(/ID\s+NAME\s+ADDED\s+LAST USED\s+DRIFT/);
    expect(listed.out).toMatch(/Phone .* never\s+0 steps/);
    const [app] = await apps();
    expect(listed.out).toContain(app!.id);
    expect(listed.out).not.toContain(app!.sealedSecret);
    expect((await cli.run('user', 'totp', 'list', 'alice', '--json')).json().authenticators).toEqual([
      { id: app!.id, name: 'Phone', createdAt: app!.createdAt, lastUsedAt: null, driftSteps: 0 },
    ]);
  });

  it('renames and removes one app by name or id; the other stays', async () => {
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone');
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'YubiKey');
    expect((await cli.run('user', 'totp', 'rename', 'alice', 'Phone', 'Old phone')).code).toBe(0);
    const [old, token] = await apps();
    expect(old!.name).toBe('Old phone');
    const removed = await cli.run('user', 'totp', 'remove', 'alice', old!.id);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Removed the authenticator "Old phone" of alice; one is left.');
    expect((await apps()).map((a) => a.id)).toEqual([token!.id]);
    expect((await cli.run('user', 'totp', 'remove', 'alice', 'Old phone')).code).toBe(1);
  });

  it('asks for the id when two apps share the name', async () => {
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone');
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone');
    const res = await cli.run('user', 'totp', 'remove', 'alice', 'Phone');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/2 authenticators named "Phone": give the id/);
    expect(await apps()).toHaveLength(2);
  });

  it('keeps reset-totp removing every app and the backup codes', async () => {
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'Phone');
    await cli.run('user', 'totp', 'add', 'alice', '--name', 'YubiKey');
    expect((await cli.run('user', 'show', 'alice')).out).toMatch(/TOTP\s+2 authenticators, first 20/);
    const res = await cli.run('user', 'reset-totp', 'alice', '--json');
    expect(res.code).toBe(0);
    expect(res.json()).toMatchObject({ removed: true });
    expect(await apps()).toEqual([]);
  });
});
