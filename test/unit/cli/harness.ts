import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { buildServices, closeWriters } from '../../../server/build-services.js';
import { runCli } from '../../../server/cli.js';
import { loadConfig, type ConfigInput } from '../../../server/config.js';
import type { Services } from '../../../server/services.js';
import { testSchema } from '../../support/postgres.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** stdout as the one JSON document `--json` promises. */
  json(): any;
}

export interface SpawnOptions {
  stdin?: string;
  cwd?: string;
  withConfig?: boolean;
  env?: Record<string, string>;
  until?: RegExp;
  timeoutMs?: number;
  /** Another copy of bin/mfa-login.js to run. */
  bin?: string;
  /** stdout's reader closes before the process writes (`| head -0`): its writes answer EPIPE. */
  stdoutClosed?: boolean;
}

export interface CliHarness {
  dir: string;
  configFile: string;
  /** `mfa-login -c <configFile> …argv`, in this process. */
  run(...argv: string[]): Promise<CliRun>;
  runWithStdin(stdin: string, ...argv: string[]): Promise<CliRun>;
  /**
   * `node bin/mfa-login.js -c <configFile> …argv` as a child process. With `until`, a server:
   * once its stdout matches, it gets SIGTERM; it is killed if it has not ended by `timeoutMs`.
   */
  spawn(argv: string[], options?: SpawnOptions): Promise<CliRun & { ms: number }>;
  /** The server's view of the same database and key, to check what a command did. */
  services(): Promise<Services>;
  cleanup(): Promise<void>;
}

function result(code: number, out: string, err: string): CliRun {
  return { code, out, err, json: () => JSON.parse(out) };
}

/**
 * The bin script, copied beside links to this checkout's sources and packages and with no
 * dist/: the child runs the TypeScript under test, never a build that may be older.
 */
function binWithoutBuild(dir: string): string {
  const home = path.join(dir, 'package');
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  copyFileSync(path.join(root, 'bin/mfa-login.js'), path.join(home, 'bin/mfa-login.js'));
  writeFileSync(path.join(home, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(path.join(root, 'server'), path.join(home, 'server'));
  symlinkSync(path.join(root, 'node_modules'), path.join(home, 'node_modules'));
  return path.join(home, 'bin/mfa-login.js');
}

/** A temporary config (SQLite file or a fresh Postgres schema, key file in a temp folder) to run commands against. */
export async function cliHarness(kind: 'sqlite' | 'postgres' = 'sqlite', config: ConfigInput = {}): Promise<CliHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-cli-'));
  const pg = kind === 'postgres' ? await testSchema() : null;
  const configFile = path.join(dir, 'mfa-login.config.json');
  const store = pg ? { type: 'postgres', url: pg.url, schema: pg.schema } : { type: 'sqlite', path: path.join(dir, 'mfa-login.db') };
  writeFileSync(configFile, JSON.stringify({ store, keyFile: path.join(dir, 'mfa-login.key'), logLevel: 'warn', ...config }, null, 2));
  const opened: Services[] = [];
  let bin: string | undefined;

  async function run(stdin: string | undefined, argv: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), stdin: async () => stdin ?? '' };
    const code = await runCli(['-c', configFile, ...argv], {}, io);
    return result(code, out.join('\n'), err.join('\n'));
  }

  return {
    dir,
    configFile,
    run: (...argv) => run(undefined, argv),
    runWithStdin: (stdin, ...argv) => run(stdin, argv),
    spawn(argv, options = {}) {
      bin ??= binWithoutBuild(dir);
      const args = [options.bin ?? bin, ...(options.withConfig === false ? [] : ['-c', configFile]), ...argv];
      const started = Date.now();
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, {
          cwd: options.cwd ?? dir,
          env: { PATH: process.env.PATH ?? '', ...options.env },
          stdio: 'pipe',
        });
        let out = '';
        let err = '';
        // A process that does not end is a failure to see, not a suite that hangs.
        const kill = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
        let stopping = false;
        if (options.stdoutClosed) child.stdout.destroy();
        child.stdout.on('data', (c) => {
          out += c;
          // Once: a second SIGTERM would meet the default handler and hide how the first one ended.
          if (!stopping && options.until?.test(out)) stopping = child.kill('SIGTERM');
        });
        child.stderr.on('data', (c) => (err += c));
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearTimeout(kill);
          resolve({ ...result(code ?? (signal ? -1 : -2), out.trimEnd(), err.trimEnd()), ms: Date.now() - started });
        });
        child.stdin.end(options.stdin ?? '');
      });
    },
    async services() {
      const services = await buildServices(loadConfig(configFile, {}), { env: {}, logger: pino({ level: 'silent' }) });
      opened.push(services);
      return services;
    },
    async cleanup() {
      await Promise.all(
        opened.splice(0).map(async (s) => {
          await closeWriters(s);
          await s.store.close();
        }),
      );
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
