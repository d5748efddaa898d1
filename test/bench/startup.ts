// How long an operator waits for `mfa-login start`: from spawning the CLI to the first 200 of
// /healthz, with a fresh SQLite file and key each time (the build is not counted: it runs before).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { killProcess } from '../support/server-process.js';

/** Milliseconds to the first 200; polls every 5 ms and gives up after 30 s. */
export async function startToHealthy(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-bench-start-'));
  const port = await freePort();
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ port, store: { type: 'sqlite', path: path.join(dir, 'db.sqlite') }, keyFile: path.join(dir, 'key') }));
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.resolve('bin/mfa-login.js'), 'start', '--config', config], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    while (performance.now() - t0 < 30_000) {
      if (child.exitCode !== null) throw new Error(`mfa-login start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) return performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error('mfa-login start: no 200 from /healthz in 30 s');
  } finally {
    await killProcess(child, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether there is a build (tsc's output), which the CLI runs; without one it runs the TypeScript through tsx. */
export const serverIsBuilt = () => existsSync('dist/server/cli.js');
export const startsFrom = () => (serverIsBuilt() ? 'built dist/server' : 'TypeScript via tsx, no build');
