import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli.js';

describe('mfa-login command runner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-runner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const writeConfig = (config: unknown) => {
    const file = path.join(dir, 'config.json');
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return file;
  };

  it('prints the usage on stdout for --help (exit 0) and on stderr with no command (exit 2)', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: mfa-login <command>/);
    expect(help.out).toContain('Exit codes: 0 done, 1 failed (e.g. unknown user, name taken), 2 usage error.');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^Usage: mfa-login <command>/);
  });

  it("prints one command's usage for <command> --help", async () => {
    const res = await run(['user', 'backup-codes', 'import', '--help']);
    expect(res.code).toBe(0);
    expect(res.out).toBe(
      'Usage: mfa-login user backup-codes import <username> <code,code,...> [--replace]\n  add codes chosen elsewhere (8+ of a-z 0-9 -); --replace drops the old ones',
    );
  });

  it('names an unknown command (exit 2)', async () => {
    const res = await run(['user', 'rename', 'alice', 'bob']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^Unknown command "user rename alice"\./);
  });

  it('explains a config file that does not validate (exit 1)', async () => {
    const file = writeConfig({ port: 'eighty' });
    const res = await run(['-c', file, 'user', 'list']);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`Invalid configuration in ${file}:`);
    expect(res.err).toContain('  - port:');
    const json = await run(['-c', file, 'user', 'list', '--json']);
    expect(JSON.parse(json.err)).toMatchObject({ error: 'config' });
  });

  it('says which store it could not open (exit 1)', async () => {
    const file = writeConfig({ keyFile: path.join(dir, 'key'), store: { type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' } });
    const res = await run(['-c', file, 'user', 'list']);
    expect(res.code).toBe(1);
    expect(res.err).toBe('Error: store: cannot reach Postgres at 127.0.0.1:1 (ECONNREFUSED)');
  });

  it('takes the SQLite file from MFA_LOGIN_DB over the config', async () => {
    const file = writeConfig({ keyFile: path.join(dir, 'key'), store: { type: 'sqlite', path: path.join(dir, 'config.db') } });
    const env = { MFA_LOGIN_DB: path.join(dir, 'env.db') };
    expect((await run(['-c', file, 'user', 'add', 'alice', '--password', 'alice password'], env)).code).toBe(0);
    expect(JSON.parse((await run(['-c', file, 'user', 'list', '--json'], env)).out).users).toHaveLength(1);
    expect(JSON.parse((await run(['-c', file, 'user', 'list', '--json'])).out).users).toHaveLength(0);
  });
});
