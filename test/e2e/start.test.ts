import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

const bin = path.resolve('bin/mfa-login.js');

interface Started {
  child: ChildProcess;
  url: string;
  password: string;
}

/** `mfa-login start --demo` as `npm start` runs it: the built server, in a folder with no config file. */
function startDemo(cwd: string, env: Record<string, string>, args: string[] = []): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start', '--demo', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: 'pipe',
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start-up banner in 20 s:\n${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /running at (\S+)/.exec(out)?.[1];
      const password = /password (\S+)/.exec(out)?.[1];
      if (url && password) {
        clearTimeout(timer);
        resolve({ child, url, password });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was up:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    // A server that does not close in 5 s is a failure to see, not a suite that hangs.
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

describe('mfa-login start --demo (what npm start runs)', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map(stop));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-start-'));
    dirs.push(dir);
    return dir;
  };

  it('listens on PORT, keeps its data in ./data, prints the URL and the demo password, and logs alice in', async () => {
    const cwd = folder();
    const port = await freePort();
    const started = await startDemo(cwd, { PORT: String(port) });
    children.push(started.child);
    expect(started.url).toBe(`http://localhost:${port}`);
    expect(existsSync(path.join(cwd, 'data', 'mfa-login.db'))).toBe(true);
    expect(statSync(path.join(cwd, 'data', 'mfa-login.key')).mode & 0o777).toBe(0o600);

    const page = await fetch(`${started.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<mfa-login');
    expect((await fetch(`${started.url}/widget/mfa-login.js`)).status).toBe(200);

    const origin = new URL(started.url).origin;
    const post = async (p: string, body: unknown) => {
      const res = await fetch(started.url + p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const { flow } = (await post('/api/v1/flows', { clientId: 'demo', nonce: 'start-nonce' })).body;
    expect((await post('/api/v1/flows/password', { flow, username: 'alice', password: started.password })).status).toBe(200);
    const { secret } = (await post('/api/v1/flows/totp/enroll', { flow })).body.enrollment;
    const done = await post('/api/v1/flows/totp/verify', { flow, code: await generate({ secret }) });
    expect(done.body.status).toBe('complete');
    const jwks = createRemoteJWKSet(new URL(`${started.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(done.body.result.idToken, jwks, { issuer: started.url, audience: 'demo' });
    expect(payload).toMatchObject({ preferred_username: 'alice', nonce: 'start-nonce', amr: ['pwd', 'otp', 'mfa'] });
    expect(await stop(started.child)).toBe(0);
  });

  it('starts again on the same folder with the same demo password, and --port wins over PORT', async () => {
    const cwd = folder();
    const first = await startDemo(cwd, { PORT: String(await freePort()) });
    children.push(first.child);
    await stop(first.child);
    const port = await freePort();
    const again = await startDemo(cwd, { PORT: String(await freePort()) }, ['--port', String(port)]);
    children.push(again.child);
    expect(again.url).toBe(`http://localhost:${port}`);
    expect(again.password).toBe(first.password);
    expect((await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('refuses a --port that is no port as a usage error (exit 2)', async () => {
    const child = spawn(process.execPath, [bin, 'start', '--port', 'abc'], { cwd: folder(), env: { PATH: process.env.PATH ?? '' }, stdio: 'pipe' });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port');
  });
});
