import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerLines } from '../../../server/cli/start-banner.js';
import { missingBuiltFiles } from '../../../server/paths.js';
import { freePort } from '../../support/free-port.js';
import { cliHarness, type CliHarness } from './harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Well under the pool's 10 s idle timeout: a pool left open on the way out would show here. */
const PROMPT_MS = 6000;

describe('mfa-login start: a start-up failure exits 1 promptly and says what failed', () => {
  let pg: CliHarness;
  let sqlite: CliHarness;
  beforeAll(async () => {
    pg = await cliHarness('postgres');
    sqlite = await cliHarness('sqlite');
  });
  afterAll(async () => {
    await pg?.cleanup();
    await sqlite?.cleanup();
  });

  it.each(['postgres', 'sqlite'] as const)('an unset ${TWILIO_SID} on %s: exit 1 naming the variable', async (kind) => {
    const cli = kind === 'postgres' ? pg : sqlite;
    const config = path.join(cli.dir, `twilio-${kind}.json`);
    const base = JSON.parse((await import('node:fs')).readFileSync(cli.configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(
      config,
      JSON.stringify({ ...base, sms: { provider: { type: 'twilio', accountSid: '${TWILIO_SID}', authToken: 't', from: '+15005550006' } } }),
    );
    const res = await cli.spawn(['-c', config, 'start', '--port', String(await freePort())], { withConfig: false });
    expect(res.code).toBe(1);
    expect(res.err).toContain('Environment variable TWILIO_SID is referenced in the configuration but not set.');
    expect(res.ms).toBeLessThan(PROMPT_MS);
  });

  it('a master key that does not open the Postgres store: exit 1, the pool closed on the way out', async () => {
    expect((await pg.run('keys', 'list')).code).toBe(0);
    const res = await pg.spawn(['start', '--port', String(await freePort())], { env: { MFA_LOGIN_KEY: 'ab'.repeat(32) } });
    expect(res.code).toBe(1);
    expect(res.err).toContain('The master key does not open the signing keys in this store');
    expect(res.ms).toBeLessThan(PROMPT_MS);
  });

  it('a port already taken with a Postgres store: exit 1 naming the port, the pool closed', async () => {
    const port = await freePort();
    const holder = (await import('node:net')).createServer().listen(port, '127.0.0.1');
    try {
      const res = await pg.spawn(['start', '--port', String(port)]);
      expect(res.code).toBe(1);
      expect(res.err).toContain(`Cannot listen on 127.0.0.1:${port}: the port is in use (EADDRINUSE)`);
      expect(res.ms).toBeLessThan(PROMPT_MS);
    } finally {
      holder.close();
    }
  });

  it('Postgres that cannot be reached: which part, where and why, never the password', async () => {
    const config = path.join(pg.dir, 'unreachable.json');
    writeFileSync(
      config,
      JSON.stringify({ keyFile: path.join(pg.dir, 'k'), store: { type: 'postgres', url: 'postgres://login:s3cret-pw@127.0.0.1:1/login' } }),
    );
    const res = await pg.spawn(['-c', config, 'start', '--port', String(await freePort())], { withConfig: false });
    expect(res.code).toBe(1);
    expect(res.err.split('\n').at(-1)).toBe('Error: store: cannot reach Postgres at 127.0.0.1:1 (ECONNREFUSED)');
    expect(res.err + res.out).not.toContain('s3cret');
    expect(res.ms).toBeLessThan(PROMPT_MS);
  });

  it('the README’s Postgres URL with a host that does not resolve: store, host:port and the lookup failure', async () => {
    const config = path.join(pg.dir, 'nohost.json');
    writeFileSync(
      config,
      JSON.stringify({ keyFile: path.join(pg.dir, 'k'), store: { type: 'postgres', url: 'postgres://login:s3cret-pw@db.invalid/login' } }),
    );
    const res = await pg.spawn(['-c', config, 'user', 'list'], { withConfig: false });
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/^Error: store: cannot reach Postgres at db\.invalid:5432 \((ENOTFOUND|EAI_AGAIN)\)$/);
    expect(res.err + res.out).not.toContain('s3cret');
  });

  it('prints where it listens beside the issuer when they differ, and only the issuer when they do not', async () => {
    const port = await freePort();
    const behindProxy = await sqlite.spawn(['start', '--port', String(port)], {
      env: { MFA_LOGIN_ISSUER: 'https://login.example.com' },
      until: /listening on|running at[^\n]*\n\s*\n/,
    });
    expect(behindProxy.code).toBe(0);
    expect(behindProxy.out).toContain('mfa-login is running at https://login.example.com');
    expect(behindProxy.out).toContain(`listening on http://127.0.0.1:${port}`);

    const local = await sqlite.spawn(['start', '--port', String(port)], { until: /running at/ });
    expect(local.out).toContain(`mfa-login is running at http://localhost:${port}`);
    expect(local.out).not.toContain('listening on');
  });
});

describe('the start-up banner', () => {
  it('names the listening address when the issuer is elsewhere', () => {
    expect(bannerLines('https://login.example.com', 'http://127.0.0.1:39404')).toContain(
      '  listening on http://127.0.0.1:39404  (the public issuer URL above must lead here)',
    );
    expect(bannerLines('http://localhost:3000', 'http://0.0.0.0:3000')).toHaveLength(3);
    expect(bannerLines('http://localhost:3000', 'http://127.0.0.1:3001')).toHaveLength(3);
  });
  it('stays one line for the same place under a loopback name', () => {
    expect(bannerLines('http://localhost:3000', 'http://127.0.0.1:3000')).toEqual(['\n  mfa-login is running at http://localhost:3000', '']);
    expect(bannerLines('http://127.0.0.1:3000', 'http://127.0.0.1:3000')).toHaveLength(2);
  });
});

describe('a checkout that was never built', () => {
  let cli: CliHarness;
  let bin: string;
  beforeAll(async () => {
    cli = await cliHarness('sqlite');
    // A copy of the package without dist/: the server finds its files from where its sources are.
    const home = path.join(cli.dir, 'unbuilt');
    mkdirSync(home);
    for (const part of ['bin', 'contract', 'server', 'package.json', 'openapi.json'])
      cpSync(path.join(root, part), path.join(home, part), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(home, 'node_modules'));
    bin = path.join(home, 'bin/mfa-login.js');
  });
  afterAll(() => cli?.cleanup());

  it('start --demo refuses at start-up, naming the missing files and saying to build', async () => {
    const res = await cli.spawn(['start', '--demo', '--port', String(await freePort())], { bin });
    expect(res.code).toBe(1);
    expect(res.err).toContain('dist/widget/mfa-login.js, dist/widget/mfa-login-settings.js, dist/demo/index.html are missing in');
    expect(res.err).toMatch(/Run npm run build first\.$/);
    expect(res.out).not.toContain('Demo login');
  });

  it('start without the demo serves the API but warns that the widget is not built', async () => {
    const res = await cli.spawn(['start', '--port', String(await freePort())], { bin, until: /running at/ });
    expect(res.code).toBe(0);
    expect(res.err).toContain('Warning: dist/widget/mfa-login.js, dist/widget/mfa-login-settings.js are missing in');
    expect(res.err).toContain('/widget/* answers 404. Run npm run build first.');
  });

  it('missingBuiltFiles lists what the demo and the widget need', () => {
    expect(missingBuiltFiles(cli.dir, false)).toEqual(['dist/widget/mfa-login.js', 'dist/widget/mfa-login-settings.js']);
    expect(missingBuiltFiles(cli.dir, true)).toContain('dist/demo/index.html');
  });
});
