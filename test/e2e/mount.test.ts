import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { freePort } from '../support/free-port.js';
import { launchChromium } from './browser.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The first fenced block of `lang` after `marker` in the README: what an integrator copies. */
function snippet(marker: string, lang: string): string {
  const from = readme.indexOf(marker);
  expect(from, `README has "${marker}"`).toBeGreaterThan(-1);
  const match = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme.slice(from));
  expect(match, `a ${lang} block after "${marker}"`).not.toBeNull();
  return match![1]!;
}

/** The integrator's own web site on another origin: the README's embed snippet, and the /session it posts to. */
function startSite(page: () => string): Promise<{ server: Server; origin: string; sessions: string[] }> {
  const sessions: string[] = [];
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/session') {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          sessions.push(body);
          res.writeHead(204).end();
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page());
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, sessions, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/** A host app in a folder of its own: the README's mount snippet as written, importing the built package by name. */
function startHost(dir: string, port: number): Promise<ChildProcess> {
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(root, path.join(dir, 'node_modules', 'mfa-login'));
  symlinkSync(path.join(root, 'node_modules', 'express'), path.join(dir, 'node_modules', 'express'));
  writeFileSync(
    path.join(dir, 'host.mjs'),
    `${snippet('Or mount the server inside your own Express app', 'js')}app.listen(${port}, '127.0.0.1', () => console.log('host listening'));\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['host.mjs'], { cwd: dir, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' }, stdio: 'pipe' });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the host app did not start in 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('host listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host app exited with ${code}:\n${out}`));
    });
  });
}

describe('the README’s mount and embed snippets, followed as written', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let site: Awaited<ReturnType<typeof startSite>>;
  let host: ChildProcess;
  let login: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-host-'));
    const port = await freePort();
    login = `http://127.0.0.1:${port}`;
    site = await startSite(() => snippet('## Embed it', 'html').replaceAll('https://login.example.com', login));
    writeFileSync(
      path.join(dir, 'mfa-login.config.json'),
      JSON.stringify({
        issuer: login,
        store: { type: 'sqlite', path: path.join(dir, 'data', 'mfa-login.db') },
        keyFile: path.join(dir, 'data', 'mfa-login.key'),
        logLevel: 'warn',
        clients: [{ clientId: 'shop', name: 'Example shop', allowedOrigins: [site.origin], sequence: [['password'], ['totp']] }],
      }),
    );
    const added = await runCli(
      ['-c', path.join(dir, 'mfa-login.config.json'), 'user', 'add', 'alice', '--password', 'alice host password'],
      {},
      { out: () => undefined, err: console.error },
    );
    expect(added).toBe(0);
    host = await startHost(dir, port);
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    if (host && host.exitCode === null) {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await exited;
    }
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the drop-in scripts from the mounted router, revalidated and loadable from any origin', async () => {
    for (const file of ['mfa-login.js', 'mfa-login-settings.js']) {
      const res = await fetch(`${login}/widget/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      // fetch() adds `Cache-Control: no-cache` to a conditional request unless it has one: a browser revalidating sends none.
      expect((await fetch(`${login}/widget/${file}`, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } })).status).toBe(304);
    }
  });

  it('logs in on a page of another origin and hands its server an id_token that verifies against the JWKS', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${site.origin}/`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('alice host password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = ((await page.locator('mfa-login').locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => site.sessions.length, { timeout: 10_000 }).toBe(1);
    const jwks = createRemoteJWKSet(new URL(`${login}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(site.sessions[0]!, jwks, { issuer: login, audience: 'shop' });
    expect(payload).toMatchObject({ preferred_username: 'alice', nonce: 'n-0S6_WzA2Mj', amr: ['pwd', 'otp', 'mfa'] });
    await page.close();
  });
});
