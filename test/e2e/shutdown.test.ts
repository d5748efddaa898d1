import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accepts, openGet, openJsonPost } from '../support/raw-http.js';
import { freePort } from '../support/free-port.js';

const bin = path.resolve('bin/mfa-login.js');

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The real `mfa-login start --demo` process, up once `/healthz` answers. `stdoutClosed`: the
 * reader of its stdout is gone before it writes (a log shipper that stopped); `stdoutStalled`: it
 * is there but reads nothing (one that hangs).
 */
async function startProcess(cwd: string, { stdoutClosed = false, stdoutStalled = false } = {}): Promise<Running> {
  const port = await freePort();
  // One libuv thread: password hashes queue up, so several logins are surely in flight together.
  const env = { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'info', UV_THREADPOOL_SIZE: '1' };
  const child = spawn(process.execPath, [bin, 'start', '--demo'], { cwd, env, stdio: 'pipe' });
  let out = '';
  if (stdoutClosed) child.stdout.destroy();
  else if (stdoutStalled) child.stdout.pause();
  else child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was up:\n${out}`);
    if (Date.now() > deadline) throw new Error(`/healthz did not answer in 20 s:\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url, output: () => out, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('SIGTERM to a running server', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A server in a directory of its own, both gone after the test. */
  async function running(options?: Parameters<typeof startProcess>[1]): Promise<Running> {
    const cwd = mkdtempSync(path.join(tmpdir(), 'mfa-login-sigterm-'));
    dirs.push(cwd);
    const server = await startProcess(cwd, options);
    children.push(server.child);
    return server;
  }

  it('answers the logins in flight, refuses new connections, says not ready meanwhile, closes and exits 0', async () => {
    const server = await running();
    const { username, password } = (await (await fetch(`${server.url}/api/v1/dev/demo`)).json()) as { username: string; password: string };
    const origin = { origin: server.url, 'content-type': 'application/json' };
    const startFlow = async () =>
      (
        (await (
          await fetch(`${server.url}/api/v1/flows`, { method: 'POST', headers: origin, body: JSON.stringify({ clientId: 'demo' }) })
        ).json()) as { flow: string }
      ).flow;
    const flows = await Promise.all(Array.from({ length: 9 }, startFlow));

    // The probe's header block is left open, so its connection is busy and survives the drain.
    const probe = openGet(server.url, '/readyz');
    await probe.sent;
    // Nine password steps; the server confirms it holds each (100 Continue) before any goes on.
    const logins = flows.map((flow) => openJsonPost(server.url, '/api/v1/flows/password', { flow, username, password }, { Origin: server.url }));
    await Promise.all(logins.map((l) => l.continued));
    // Eight go on at once and queue behind one another on the single hashing thread; one waits for the test.
    const [held, ...racing] = logins;
    for (const login of racing) login.finish();
    server.child.kill('SIGTERM');

    // The held login keeps the drain open: a refused connection now is the listener closed, not an exit.
    const deadline = Date.now() + 10_000;
    while (await accepts(server.url)) {
      if (Date.now() > deadline) throw new Error(`still accepting connections 10 s after SIGTERM:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    probe.finish();
    const ready = await probe.answer;
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'shutting_down' });
    held!.finish();
    for (const login of [held!, ...racing]) {
      const answer = await login.answer;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'pending', step: { number: 2 } });
    }

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('stops on SIGTERM and exits within seconds when the reader of its stdout has stalled, saying what it could not write', async () => {
    const server = await running({ stdoutStalled: true });
    // ~3,000 access lines, far more than the pipe and the reader's buffer take.
    for (let i = 0; i < 3000; i++) expect((await fetch(`${server.url}/no-such-page-${i}`)).status).toBe(404);
    server.child.kill('SIGTERM');
    const hung = new Promise((resolve) => setTimeout(() => resolve('still running 20 s after SIGTERM'), 20_000).unref());
    expect(await Promise.race([server.exited, hung])).toBe(0);
    expect(server.output()).toMatch(/^mfa-login: \d+ bytes of log lines could not be written \(its reader took nothing for ~1 s\)\n$/);
  });

  it('serves on when the reader of its stdout has gone, says so once on stderr, and still stops on SIGTERM', async () => {
    const server = await running({ stdoutClosed: true });
    const started = await fetch(`${server.url}/api/v1/flows`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'demo' }),
    });
    expect(started.status).toBe(201);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // stderr alone, one line: the banner and the log went to the closed stdout. Which line depends
    // on whether a write of the log met the closed pipe while serving or only at exit.
    expect(server.output()).toMatch(
      /^mfa-login: (the log could not be written, and is given up|log lines could not be written) \(its reader is gone\)\n$/,
    );
  });
});
