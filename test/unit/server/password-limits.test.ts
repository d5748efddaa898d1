import { describe, expect, it } from 'vitest';
import { slowDownMs } from '../../../server/auth/password-limits.js';
import { ConfigError, parseConfig } from '../../../server/config.js';
import { addressKey } from '../../../server/auth/address-key.js';
import { startTestServer } from '../../support/server.js';

describe('the password slow-down', () => {
  const defaults = parseConfig({}).password.slowDown;

  it('waits nothing for the first five failures, then 1, 2, 4, 8 and at most 16 seconds', () => {
    expect(defaults).toEqual({ afterFailures: 5, baseSeconds: 1, maxSeconds: 16 });
    expect([0, 4, 5, 6, 7, 8, 9, 10, 50, 10_000].map((n) => slowDownMs(n, defaults))).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 16_000, 16_000, 16_000, 16_000,
    ]);
  });

  it('follows the configured numbers, fractions of a second included', () => {
    expect([0, 1, 2, 3].map((n) => slowDownMs(n, { afterFailures: 1, baseSeconds: 0.25, maxSeconds: 0.75 }))).toEqual([0, 250, 500, 750]);
  });
});

describe('the address a per-address limit counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [null, 'unknown'],
  ])('%s counts as %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

describe('password limit settings', () => {
  it('defaults to 10 failures per username and address, and per device token, in 15 minutes; tokens live 90 days; hashes at nice 19', () => {
    expect(parseConfig({}).password).toEqual({
      maxAttempts: 5,
      perUsernameAndIpLimit: 10,
      perDeviceLimit: 10,
      windowSeconds: 900,
      slowDown: { afterFailures: 5, baseSeconds: 1, maxSeconds: 16 },
      deviceTokenTtlDays: 90,
      hashNice: 19,
    });
  });

  it('reads the old perUsernameLimit as perUsernameAndIpLimit, so an existing config still starts, and says so in the log', async () => {
    expect(parseConfig({ password: { perUsernameLimit: 4 } }).password.perUsernameAndIpLimit).toBe(4);
    const server = await startTestServer({ password: { perUsernameLimit: 4 } });
    try {
      expect(server.services.config.password.perUsernameAndIpLimit).toBe(4);
      expect(server.logs()).toContain('password.perUsernameLimit is read as password.perUsernameAndIpLimit');
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ perUsernameLimit: 4, perUsernameAndIpLimit: 5 }, 'password.perUsernameLimit: perUsernameLimit is the old name of perUsernameAndIpLimit'],
    [{ slowDown: { maxSeconds: 600 } }, 'password.slowDown.maxSeconds'],
    [{ deviceTokenTtlDays: 0 }, 'password.deviceTokenTtlDays'],
    [{ perDeviceLimit: 0 }, 'password.perDeviceLimit'],
  ])('refuses %j with a message naming the field', (password, message) => {
    expect(() => parseConfig({ password })).toThrow(ConfigError);
    expect(() => parseConfig({ password })).toThrow(message);
  });
});
