import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/services.js';
import { deviceKey } from '../../support/trusted-device.js';
import { cliHarness, type CliHarness } from './harness.js';

describe('mfa-login user devices / revoke-device, and what revokes trusted devices', () => {
  let cli: CliHarness;
  let services: Services;
  beforeEach(async () => {
    cli = await cliHarness('sqlite');
    expect((await cli.run('user', 'add', 'alice', '--password', 'alice password 1')).code).toBe(0);
    expect((await cli.run('user', 'add', 'bob', '--password', 'bob password 12')).code).toBe(0);
    services = await cli.services();
  });
  afterEach(() => cli.cleanup());

  /** A device trusted for `username` on client `demo`, as `device/trust` stores it. */
  async function trust(username: string, id: string, name = 'Chrome on Linux') {
    const user = (await services.store.findUserByUsername(username))!;
    const { jwk } = await deviceKey();
    const expiresAt = new Date(services.now().getTime() + 30 * 86_400_000).toISOString();
    await services.store.addTrustedDevice({ id, userId: user.id, clientId: 'demo', publicJwk: jwk as never, name, expiresAt }, services.now());
    return user;
  }
  const live = async (username: string) =>
    (await services.store.listTrustedDevices((await services.store.findUserByUsername(username))!.id, services.now())).map((d) => d.id);

  it('lists the devices with first and last use', async () => {
    await trust('alice', 'device-one-00000000', 'Firefox on Windows');
    const res = await cli.run('user', 'devices', 'alice', '--json');
    expect(res.code).toBe(0);
    expect(res.json()).toEqual({
      username: 'alice',
      devices: [
        {
          id: 'device-one-00000000',
          name: 'Firefox on Windows',
          clientId: 'demo',
          createdAt: expect.any(String),
          lastUsedAt: null,
          expiresAt: expect.any(String),
        },
      ],
    });
    const text = await cli.run('user', 'devices', 'alice');
    expect(text.out).toMatch(/device-one-00000000\s+Firefox on Windows\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never/);
    expect((await cli.run('user', 'devices', 'bob')).out).toBe('bob has no trusted devices.');
  });

  it('revokes one device, then all, of that user only', async () => {
    await trust('alice', 'device-one-00000000');
    await trust('alice', 'device-two-00000000');
    await trust('bob', 'device-bob-00000000');
    expect((await cli.run('user', 'revoke-device', 'alice', 'device-bob-00000000')).code).toBe(1);
    expect((await cli.run('user', 'revoke-device', 'alice', 'device-one-00000000')).out).toBe('Revoked trusted device device-one-00000000 of alice.');
    expect(await live('alice')).toEqual(['device-two-00000000']);
    expect((await cli.run('user', 'revoke-device', 'alice', '--all', '--json')).json()).toEqual({ username: 'alice', revoked: 1 });
    expect(await live('alice')).toEqual([]);
    expect(await live('bob')).toEqual(['device-bob-00000000']);
    expect((await cli.run('user', 'revoke-device', 'alice')).code).toBe(2);
  });

  it.each([
    [['set-password', 'alice', '--password', 'a new password'], 'Set a new password for alice. One trusted device asks for the second step again.'],
    [
      ['reset-totp', 'alice'],
      'alice had no authenticator or unused backup codes; the next login can set up a second factor again. One trusted device asks for the second step again.',
    ],
  ])('%j revokes the trusted devices of the user', async (argv, said) => {
    await trust('alice', 'device-one-00000000');
    await trust('bob', 'device-bob-00000000');
    const res = await cli.run('user', ...argv);
    expect(res.code).toBe(0);
    expect(res.out).toBe(said);
    expect(await live('alice')).toEqual([]);
    expect(await live('bob')).toEqual(['device-bob-00000000']);
  });

  it('client add --trust-device-days turns trusted devices on for that many days', async () => {
    const res = await cli.run('client', 'add', 'shop', '--name', 'Shop', '--origin', 'https://shop.example', '--trust-device-days', '14', '--json');
    expect(res.code).toBe(0);
    expect(res.json().client.trustDevice).toEqual({ enabled: true, days: 14 });
    expect((await services.store.getClient('shop'))!.trustDeviceDays).toBe(14);
    expect((await cli.run('client', 'add', 'plain', '--name', 'Plain', '--json')).json().client.trustDevice.enabled).toBe(false);
    expect((await cli.run('client', 'add', 'bad', '--name', 'Bad', '--trust-device-days', '0')).code).toBe(2);
  });
});
