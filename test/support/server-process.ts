import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve('bin/mfa-login.js');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote so far, stdout and stderr together. */
  output(): string;
}

/**
 * `mfa-login start --config FILE` as an operator runs it: the built server in its own process,
 * answered once it prints the URL it listens on.
 */
export function startServerProcess(cwd: string, configFile: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'start', '--config', configFile], {
      cwd,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: 'pipe',
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start-up banner in 20 s:\n${out}`));
    }, 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /running at (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, url, output: () => out });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal} before it was up:\n${out}`));
    });
  });
}

/** Sends `signal` and waits until the process is gone. */
export function killProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
