import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliHarness, type CliHarness } from './harness.js';

describe('node bin/mfa-login.js (a real process and its exit code)', () => {
  let cli: CliHarness;
  beforeAll(async () => {
    cli = await cliHarness('sqlite');
  });
  afterAll(() => cli.cleanup());

  it('exits 0 and writes one JSON document on stdout', async () => {
    const res = await cli.spawn(['user', 'add', 'alice', '--display-name', 'Alice', '--json']);
    expect(res.code).toBe(0);
    const { user, password } = res.json();
    expect(user).toMatchObject({ username: 'alice', displayName: 'Alice' });
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('exits 1 when the command cannot be done, with the reason on stderr', async () => {
    await cli.spawn(['user', 'add', 'bob', '--password', 'bob password']);
    const res = await cli.spawn(['user', 'add', 'bob', '--password', 'bob password']);
    expect(res.code).toBe(1);
    expect(res.out).toBe('');
    expect(res.err).toBe('Error: A user named "bob" already exists.');
  });

  it('exits 2 on a usage error and shows the usage of the command', async () => {
    const res = await cli.spawn(['user', 'set-phone', 'alice', '--mobile', '+12015550123']);
    expect(res.code).toBe(2);
    expect(res.err).toContain("Unknown option '--mobile'");
    expect(res.err).toContain('Usage: mfa-login user set-phone <username> <phone | --clear>');
  });

  it('reads --password-stdin from a pipe', async () => {
    const res = await cli.spawn(['user', 'set-password', 'bob', '--password-stdin', '--json'], { stdin: 'piped password\n' });
    expect(res.code).toBe(0);
    const services = await cli.services();
    const bob = await services.store.findUserByUsername('bob');
    expect(await services.passwords.verify(bob!.passwordHash, 'piped password')).toBe(true);
  });

  it('prints every command with --help and exits 0', async () => {
    const res = await cli.spawn(['--help'], { withConfig: false });
    expect(res.code).toBe(0);
    for (const command of ['init', 'user add', 'user backup-codes import', 'client add', 'keys rotate']) expect(res.out).toContain(`  ${command}`);
  });

  it('init in a folder writes ./mfa-login.config.json, which later commands there find by themselves', async () => {
    const site = path.join(cli.dir, 'site');
    mkdirSync(site);
    const init = await cli.spawn(['init'], { cwd: site, withConfig: false });
    expect(init.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(site, 'mfa-login.config.json'), 'utf8'))).toMatchObject({
      store: { type: 'sqlite', path: './data/mfa-login.db' },
      keyFile: './data/mfa-login.key',
    });
    const add = await cli.spawn(['user', 'add', 'carol', '--password', 'carol password'], { cwd: site, withConfig: false });
    expect(add.code).toBe(0);
    expect(existsSync(path.join(site, 'data', 'mfa-login.db'))).toBe(true);
    const again = await cli.spawn(['init'], { cwd: site, withConfig: false });
    expect(again.code).toBe(1);
  });
});
