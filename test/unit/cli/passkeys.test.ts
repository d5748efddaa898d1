import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import type { PasskeyRecord, UserRecord } from '../../../server/store/types.js';
import { cliHarness, type CliHarness } from './harness.js';

describe('mfa-login user passkeys …', () => {
  let cli: CliHarness;
  let services: Services;
  let alice: UserRecord;
  let laptop: PasskeyRecord;

  beforeEach(async () => {
    cli = await cliHarness('sqlite');
    await cli.run('user', 'add', 'alice', '--password', 'alice password');
    services = await cli.services();
    alice = (await services.store.findUserByUsername('alice'))!;
    const key = { userId: alice.id, publicKey: 'AQ', counter: 3, transports: ['internal'], backupEligible: true, backedUp: true };
    laptop = (await services.store.createPasskey({ ...key, credentialId: 'cred-laptop', name: 'Laptop' }, new Date()))!;
  });
  afterEach(() => cli.cleanup());

  it('lists the passkeys without their keys', async () => {
    const res = await cli.run('user', 'passkeys', 'list', 'alice', '--json');
    expect(res.code).toBe(0);
    expect(res.json().passkeys).toEqual([{ id: laptop.id, name: 'Laptop', createdAt: laptop.createdAt, lastUsedAt: null, synced: true }]);
    expect(res.out).not.toContain('cred-laptop');
    expect((await cli.run('user', 'passkeys', 'list', 'alice')).out).toContain(`${laptop.id}  Laptop`);
  });

  it('renames and removes one, and says so for an id the user does not have', async () => {
    expect((await cli.run('user', 'passkeys', 'rename', 'alice', laptop.id, 'Old laptop')).code).toBe(0);
    expect((await services.store.listPasskeys(alice.id))[0]!.name).toBe('Old laptop');
    expect((await cli.run('user', 'passkeys', 'remove', 'alice', 'nope')).code).toBe(1);
    expect((await cli.run('user', 'passkeys', 'remove', 'alice', laptop.id)).code).toBe(0);
    expect(await services.store.findPasskey('cred-laptop')).toBeNull();
    expect((await cli.run('user', 'passkeys', 'rename', 'alice', laptop.id, 'x')).code).toBe(1);
  });
});
