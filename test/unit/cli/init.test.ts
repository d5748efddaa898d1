import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli.js';
import { loadConfig } from '../../../server/config.js';

describe('mfa-login init', () => {
  let dir: string;
  let configFile: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-init-'));
    configFile = path.join(dir, 'site', 'mfa-login.config.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['-c', configFile, ...argv], env, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('writes a config that loads, with the database and key beside it', async () => {
    const res = await run(['init']);
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Wrote ${configFile}.`);
    const config = loadConfig(configFile, {});
    expect(config.store).toEqual({ type: 'sqlite', path: path.join(dir, 'site', 'data', 'mfa-login.db') });
    expect(config.keyFile).toBe(path.join(dir, 'site', 'data', 'mfa-login.key'));
    expect(config.sms.provider).toEqual({ type: 'console' });
    expect(config.clients.map((c) => c.clientId)).toEqual(['example']);
  });

  it('creates the master key file readable by its owner only', async () => {
    const res = await run(['init', '--json']);
    expect(res.code).toBe(0);
    const { keyFile, key } = JSON.parse(res.out);
    expect(key).toBe('created');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('refuses to overwrite a config without --force (exit 1)', async () => {
    await run(['init']);
    writeFileSync(configFile, '{"port": 4000}\n');
    const res = await run(['init']);
    expect(res.code).toBe(1);
    expect(res.err).toBe(`Error: ${configFile} already exists; add --force to overwrite it.`);
    expect(readFileSync(configFile, 'utf8')).toBe('{"port": 4000}\n');
  });

  it('overwrites with --force but never replaces the key', async () => {
    const { keyFile } = JSON.parse((await run(['init', '--json'])).out);
    const key = readFileSync(keyFile, 'utf8');
    writeFileSync(configFile, '{"port": 4000}\n');
    const res = await run(['init', '--force', '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.out).key).toBe('kept');
    expect(loadConfig(configFile, {}).port).toBe(3000);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
  });

  it('writes no key file when MFA_LOGIN_KEY holds the key', async () => {
    const res = await run(['init'], { MFA_LOGIN_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(res.code).toBe(0);
    expect(res.out).toContain('The master key comes from MFA_LOGIN_KEY');
    expect(existsSync(loadConfig(configFile, {}).keyFile)).toBe(false);
  });

  it('leaves a setup the other commands work with', async () => {
    await run(['init']);
    expect((await run(['user', 'add', 'alice', '--password', 'alice password'])).code).toBe(0);
    expect(JSON.parse((await run(['user', 'list', '--json'])).out).users).toHaveLength(1);
    expect(JSON.parse((await run(['client', 'list', '--json'])).out).clients[0]).toMatchObject({ clientId: 'example', source: 'config' });
  });

  it('refuses unknown options (exit 2)', async () => {
    expect((await run(['init', '--overwrite'])).code).toBe(2);
    expect(existsSync(configFile)).toBe(false);
  });
});
