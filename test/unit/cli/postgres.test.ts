import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBackupCode } from '../../../server/auth/backup-codes.js';
import { cliHarness, type CliHarness } from './harness.js';

describe('the CLI against Postgres', () => {
  let cli: CliHarness;
  beforeAll(async () => {
    cli = await cliHarness('postgres');
  });
  afterAll(() => cli.cleanup());

  it('adds a user, changes their factors and shows them', async () => {
    expect((await cli.run('user', 'add', 'alice', '--password', 'alice password', '--phone', '+12015550123')).code).toBe(0);
    expect((await cli.run('user', 'set-email', 'alice', 'alice@example.com')).code).toBe(0);
    expect((await cli.run('user', 'disable-sms', 'alice')).code).toBe(0);
    expect((await cli.run('user', 'add', 'alice', '--password', 'again password')).code).toBe(1);
    const { user } = (await cli.run('user', 'show', 'alice', '--json')).json();
    expect(user).toMatchObject({
      username: 'alice',
      phone: '+12015550123',
      email: 'alice@example.com',
      smsDisabled: true,
      totp: { enrolled: false },
    });
  });

  it('sets the password and the phone, and turns SMS back on', async () => {
    expect((await cli.run('user', 'set-password', 'alice', '--password', 'pg new password')).code).toBe(0);
    expect((await cli.run('user', 'set-phone', 'alice', '+12015550199')).code).toBe(0);
    expect((await cli.run('user', 'enable-sms', 'alice')).code).toBe(0);
    const services = await cli.services();
    const alice = (await services.store.findUserByUsername('alice'))!;
    expect(await services.passwords.verify(alice.passwordHash, 'pg new password')).toBe(true);
    expect(alice).toMatchObject({ phone: '+12015550199', smsDisabled: false });
  });

  it('generates backup codes, printed once, each usable once', async () => {
    const { codes } = (await cli.run('user', 'backup-codes', 'generate', 'alice', '--json')).json();
    expect(codes).toHaveLength(10);
    const services = await cli.services();
    const alice = (await services.store.findUserByUsername('alice'))!;
    expect(await services.store.consumeBackupCode(alice.id, hashBackupCode(services.keyring, alice.id, codes[0]), new Date())).toBe(true);
    expect(await services.store.countBackupCodes(alice.id)).toBe(9);
  });

  it('resets TOTP', async () => {
    const services = await cli.services();
    const alice = (await services.store.findUserByUsername('alice'))!;
    await services.store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, new Date());
    expect((await cli.run('user', 'reset-totp', 'alice')).code).toBe(0);
    expect(await services.store.getTotp(alice.id)).toBeNull();
  });

  it('imports backup codes that the backup-code step then consumes once', async () => {
    expect((await cli.run('user', 'backup-codes', 'import', 'alice', 'pg-recovery-1,pg-recovery-2', '--replace')).code).toBe(0);
    const services = await cli.services();
    const alice = (await services.store.findUserByUsername('alice'))!;
    const use = () => services.store.consumeBackupCode(alice.id, hashBackupCode(services.keyring, alice.id, 'PG-RECOVERY-1'), new Date());
    expect(await use()).toBe(true);
    expect(await use()).toBe(false);
    expect(await services.store.countBackupCodes(alice.id)).toBe(1);
  });

  it('adds, lists and removes a client', async () => {
    expect((await cli.run('client', 'add', 'shop', '--name', 'Shop', '--origin', 'https://shop.example', '--generate-secret')).code).toBe(0);
    expect((await cli.run('client', 'list', '--json')).json().clients.map((c: { clientId: string }) => c.clientId)).toEqual(['shop']);
    expect((await cli.run('client', 'remove', 'shop')).code).toBe(0);
    expect((await cli.run('client', 'remove', 'shop')).code).toBe(1);
  });

  it('rotates the signing key', async () => {
    const before = await cli.services();
    const now = new Date();
    const old = await before.tokens.issueIdToken({ sub: 's', aud: 'app', authTime: now, nonce: null, acr: 'mfa', amr: ['pwd'], sid: 'x' }, now);
    const { kid } = (await cli.run('keys', 'rotate', '--json')).json();
    const after = await cli.services();
    expect((await after.tokens.jwks(new Date())).keys.map((k) => k.kid)).toEqual([kid, decodeProtectedHeader(old).kid]);
    const { keys } = (await cli.run('keys', 'list', '--json')).json();
    expect(keys.map((k: { kid: string }) => k.kid)).toEqual([kid, decodeProtectedHeader(old).kid]);
  });

  it('runs as a child process that closes its connections and exits with the right code', async () => {
    const list = await cli.spawn(['user', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(list.json().users.map((u: { username: string }) => u.username)).toEqual(['alice']);
    const missing = await cli.spawn(['user', 'remove', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('Error: No user named "nobody".');
    expect((await cli.spawn(['user', 'remove', 'alice'])).code).toBe(0);
    expect((await cli.spawn(['user', 'list', '--json'])).json().users).toEqual([]);
  });
});
