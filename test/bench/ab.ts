// `npm run bench:ab -- <revision> [--rounds N] [--known-device]`: this checkout's server (built
// first) against the one at a git revision, side by side: TOTP verifies in alternating one-second
// slices, so that both see the same machine at the same moments. A change's effect on a verify is a
// few per cent, while a virtual machine's speed drifts by a fifth within minutes: two full benches
// run one after the other cannot tell them apart, slices taken in turn can. Prints each round and
// the ratios; asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { cheapHash, child, reply, roundRatios, type SideLoad, sideBySide, stopChild, totpFlows } from './harness.js';
import { median } from './median.js';

const usage = 'usage: npm run bench:ab -- <revision> [--rounds N] [--known-device]';
const fail = (why: string): never => {
  console.error(`${usage}\n${why}`);
  process.exit(2);
};
/** The arguments as given: one revision, `--rounds N` (or `--rounds=N`), `--known-device`; anything else is refused. */
function parseArgs(argv: string[]) {
  const given: { revision?: string; rounds?: string; knownDevice: boolean } = { knownDevice: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--known-device') given.knownDevice = true;
    else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      if (given.rounds !== undefined) fail('--rounds is given twice');
      given.rounds = arg === '--rounds' ? (argv[++i] ?? '') : arg.slice('--rounds='.length);
    } else if (arg.startsWith('-')) fail(`${arg}: not an option of this script`);
    else if (given.revision !== undefined) fail(`${arg}: one revision only`);
    else given.revision = arg;
  }
  const args = z
    .object({
      revision: z.string({ error: 'a revision is needed' }),
      rounds: z.coerce.number().int().min(2).max(100).default(16),
      knownDevice: z.boolean(),
    })
    .safeParse(given);
  return args.success ? args.data : fail(args.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
}
const { revision, rounds, knownDevice } = parseArgs(process.argv.slice(2));

const git = (...gitArgs: string[]) => execFileSync('git', gitArgs, { encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--verify', `${revision}^{commit}`);
const short = commit.slice(0, 7);
const here = git('rev-parse', '--show-toplevel');
const dir = mkdtempSync(path.join(os.tmpdir(), 'mfa-login-ab-'));
const procs: ReturnType<typeof child>[] = [];
/** The worktree goes however the run ends: an interrupted one too. */
const removeWorktree = () => {
  try {
    git('worktree', 'remove', '--force', dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    git('worktree', 'prune');
  }
};
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const p of procs) p.kill('SIGKILL');
    removeWorktree();
    process.exit(130);
  });
try {
  git('worktree', 'add', '--detach', dir, commit);
  // The revision runs on this checkout's packages: said when its lockfile asks for others.
  symlinkSync(path.join(here, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (readFileSync(path.join(dir, 'package-lock.json'), 'utf8') !== readFileSync(path.join(here, 'package-lock.json'), 'utf8'))
    console.error(`${short}'s package-lock.json differs from this checkout's: it runs on this checkout's node_modules`);
  if (!existsSync(path.join(dir, 'tsconfig.server.json'))) throw new Error(`${short} has no tsconfig.server.json to build its server with`);
  console.error(`building ${short}'s server in ${dir}`);
  execFileSync(process.execPath, [path.join(here, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: dir, stdio: 'inherit' });

  const start = async (env: Record<string, string>) => {
    const proc = child('serve.ts', ['mfa'], { env });
    procs.push(proc);
    return { proc, url: (await reply<{ url: string }>(proc)).url };
  };
  // Fixed keys: an all-digit hash as a key would be listed first. An empty name runs this checkout's build, whatever the shell set.
  const servers = { head: await start({ MFA_LOGIN_BENCH_SERVER: '' }), base: await start({ MFA_LOGIN_BENCH_SERVER: dir }) };
  const passwordHash = await cheapHash();
  const loads = Object.fromEntries(
    Object.entries(servers).map(([name, { proc, url }]) => {
      const flows = totpFlows({ proc, url, from: 1_000_000, usersAtOnce: 8_000, passwordHash, withDeviceTokens: knownDevice });
      return [name, { proc, once: flows.verify, ready: flows.topUp }];
    }),
  );
  console.error(`TOTP verifies${knownDevice ? ' from a known device' : ''}, ${rounds} rounds of a second each, this checkout and ${short} in turn`);
  const side = await sideBySide(rounds, loads as Record<'head' | 'base', SideLoad>, 1, { alternate: true, settleAll: true });
  const [a, b] = [side.head, side.base];
  const us = (v: number | null | undefined) => (v == null ? '?' : v.toFixed(0));
  for (let i = 0; i < rounds; i++)
    console.log(
      `round ${i + 1}: this ${us(a.mainSlices[i])} µs a verify, ${a.slices[i]!.toFixed(0)}/s; ${short} ${us(b.mainSlices[i])} µs, ${b.slices[i]!.toFixed(0)}/s`,
    );
  const rateRatios = roundRatios(a.slices, b.slices);
  if (a.mainUs === null || b.mainUs === null) console.log('main-thread CPU: not read (Linux only)');
  else {
    const cpuRatios = roundRatios(a.mainSlices as number[], b.mainSlices as number[]);
    console.log(
      `main-thread CPU a verify: this ${us(a.mainUs)} µs, ${short} ${us(b.mainUs)} µs: this / ${short} = ${median(cpuRatios).toFixed(1)} % (median of the rounds; ${((100 * a.mainUs) / b.mainUs).toFixed(1)} % of the means)`,
    );
  }
  console.log(
    `verifies a second: this ${a.perSecond.toFixed(0)}, ${short} ${b.perSecond.toFixed(0)}: this / ${short} = ${median(rateRatios).toFixed(1)} % (median of the rounds)`,
  );
} finally {
  await Promise.all(procs.map(stopChild));
  removeWorktree();
}
