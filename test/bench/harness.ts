// What `npm run bench` and `npm run bench:ab` share: bench servers in processes of their own, the
// load loops, the CPU a server spends per call, and flows brought to their TOTP step.
import { hash as argon2Hash } from '@node-rs/argon2';
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { post } from './client.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PASSWORD = 'correct horse battery staple';
export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** A hash far cheaper than the server's: for users whose password step is not what a row measures. */
export const cheapHash = () => argon2Hash(PASSWORD, { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 });

/** Runs `once` from `concurrency` loops for `seconds` (or until it answers false); answers calls/s. */
export async function rate(seconds: number, concurrency: number, once: () => Promise<unknown>): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  let stop = false;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop && Date.now() < end) {
        if ((await once()) === false) stop = true;
        else done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** A server's stdout (its log) goes to /dev/null unless `stdout` says 'pipe'; `env` is added to this process's. */
export function child(
  script: string,
  args: string[],
  {
    stdout = 'ignore',
    execArgv = [] as string[],
    env = {} as Record<string, string>,
  }: { stdout?: 'pipe' | 'ignore'; execArgv?: string[]; env?: Record<string, string> } = {},
): ChildProcess {
  return fork(path.join(here, script), args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
}

export function reply<T>(proc: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`bench server exited (${code})`));
    proc.once('message', (m) => {
      proc.off('exit', exited);
      resolve(m as T);
    });
    proc.once('exit', exited);
  });
}

/**
 * Waits for a child to end (after `disconnect`), so that its port and database connections are
 * gone; one still there after `graceMs` (stuck closing) is killed.
 */
export function stopChild(proc: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const stuck = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(stuck);
      resolve();
    });
    proc.connected ? proc.disconnect() : proc.kill();
  });
}

type Cpu = { mainNs: number | null; processUs: number };
async function cpuOf(proc: ChildProcess): Promise<Cpu> {
  proc.send({ type: 'cpu' });
  return reply<Cpu>(proc);
}

/**
 * `rate`, plus the CPU time `proc` (a bench server) spent per call: its main thread's (the event
 * loop; null off Linux) and the whole process's. CPU time moves far less than wall time when
 * other work shares the machine, so these ratios hold on a busy box too.
 */
export async function measured(proc: ChildProcess, seconds: number, concurrency: number, once: () => Promise<unknown>) {
  const before = await cpuOf(proc);
  let calls = 0;
  const perSecond = await rate(seconds, concurrency, async () => {
    const result = await once();
    if (result !== false) calls++;
    return result;
  });
  const after = await cpuOf(proc);
  if (calls === 0) throw new Error(`bench: no call ended within ${seconds} s`);
  const mainUs = after.mainNs === null || before.mainNs === null ? null : (after.mainNs - before.mainNs) / 1e3 / calls;
  return { perSecond, mainUs, processUs: (after.processUs - before.processUs) / calls };
}

/**
 * Waits (at most 5 s) until `proc` has used under a tenth of a core over 100 ms: rows a bench
 * server still writes behind (audit events, device tokens, a WAL checkpoint) after work that no
 * slice measures would otherwise fall within the next slice, the bare POST's included.
 */
export async function settled(proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5_000;
  let before = await cpuOf(proc);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await cpuOf(proc);
    if (now.processUs - before.processUs < 10_000) return;
    before = now;
  }
}

/** Each round's `a` as a percentage of the same round's `b`: the ratios whose median the bench and bench:ab judge. */
export const roundRatios = (a: readonly number[], b: readonly number[]) => a.map((v, i) => (100 * v) / b[i]!);

export type SideLoad = {
  proc: ChildProcess;
  once: () => Promise<unknown>;
  /** Called before each slice (not timed) with the load's last rate, to top up what its calls use up; then the server settles. */
  ready?: (lastPerSecond: number) => Promise<void>;
};

/**
 * Each load in turn for one-second slices (`scale` of a second: --quick), `rounds` times over
 * (after three seconds each not counted), so that a ratio between them is taken on the same
 * machine at the same moments, whatever else it did meanwhile; answers each load's mean rate and
 * main-thread CPU per call over its slices, and both slice by slice. A load whose `once` answers
 * false in a counted slice ran out of what `ready` gave it: that slice would read too low, so the
 * bench stops there. `alternate`: every other round runs the loads in the reverse order, so that
 * neither always runs right after the other. `settleAll`: every load's server settles before each
 * slice, not only the one about to be measured (two servers compared: what one writes behind must
 * not fall in the other's slice).
 */
export async function sideBySide<K extends string>(
  rounds: number,
  loads: Record<K, SideLoad>,
  scale = 1,
  { alternate = false, settleAll = false } = {},
) {
  const entries = Object.entries(loads) as [K, SideLoad][];
  const last = Object.fromEntries(entries.map(([name]) => [name, 0])) as Record<K, number>;
  // A round not counted first: the first calls of a path run before V8 has optimised it. Three
  // seconds each: a bare POST server started cold took ~3 s (~10,000 calls) to reach its speed on a
  // 2-core Xeon.
  for (const [name, { once, ready }] of entries) {
    await ready?.(0);
    last[name] = await rate(3 * scale, 8, once);
  }
  const procs = [...new Set(entries.map(([, load]) => load.proc))];
  // The first top-ups are the largest (several thousand logins): what they leave is no slice's.
  for (const proc of procs) await settled(proc);
  const slices = Object.fromEntries(entries.map(([k]) => [k, [] as Awaited<ReturnType<typeof measured>>[]])) as Record<
    K,
    Awaited<ReturnType<typeof measured>>[]
  >;
  for (let i = 0; i < rounds; i++) {
    for (const [name, { proc, once, ready }] of alternate && i % 2 === 1 ? [...entries].reverse() : entries) {
      if (ready) {
        await ready(last[name]);
        for (const p of settleAll ? procs : [proc]) await settled(p);
      }
      let ranOut = false;
      const slice = await measured(proc, scale, 8, async () => {
        const result = await once();
        if (result === false) ranOut = true;
        return result;
      });
      if (ranOut) throw new Error(`bench: the ${name} load ran out of prepared work within a slice (${slice.perSecond.toFixed(0)}/s)`);
      last[name] = slice.perSecond;
      slices[name].push(slice);
    }
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return Object.fromEntries(
    (Object.entries(slices) as [K, Awaited<ReturnType<typeof measured>>[]][]).map(([name, runs]) => {
      const main = runs.map((r) => r.mainUs);
      return [
        name,
        {
          perSecond: mean(runs.map((r) => r.perSecond)),
          mainUs: main.every((us) => us !== null) ? mean(main as number[]) : null,
          slices: runs.map((r) => r.perSecond),
          mainSlices: main,
        },
      ];
    }),
  ) as Record<K, { perSecond: number; mainUs: number | null; slices: number[]; mainSlices: (number | null)[] }>;
}

/** A code per time step, made once: the load generator's own work is not the server's. */
const codes = new Map<number, Promise<string>>();
const codeNow = () => {
  const step = Math.floor(Date.now() / 30_000);
  if (!codes.has(step)) codes.set(step, generate({ secret: SECRET }));
  return codes.get(step)!;
};

/**
 * Flows of the bench server `proc` (at `url`) at their TOTP step, each of a user of its own
 * (bench<from>…, made `usersAtOnce` at a time with `passwordHash`), topped up before each slice
 * (not timed) to half as many again as the last slice used: a fast machine would use up a fixed
 * stock. `withDeviceTokens`: each user signs in from a device that did before, its device token
 * going with the password. `verify` completes the next one's login (false when none is left).
 */
export function totpFlows(opts: {
  proc: ChildProcess;
  url: string;
  from: number;
  usersAtOnce: number;
  passwordHash: string;
  withDeviceTokens?: boolean;
  scale?: number;
}) {
  const { proc, url, from, usersAtOnce, passwordHash, withDeviceTokens = false, scale = 1 } = opts;
  const flows: string[] = [];
  const deviceTokens: string[] = [];
  let [next, made] = [0, 0];
  const topUp = async (lastPerSecond: number) => {
    const want = Math.ceil(Math.max(lastPerSecond, 2_000) * 1.5 * scale);
    if (flows.length >= want) return;
    let missing = want - flows.length;
    while (made < next + missing) {
      proc.send({
        type: 'seed',
        from: from + made,
        users: usersAtOnce,
        password: PASSWORD,
        secret: SECRET,
        passwordHash,
        deviceTokens: withDeviceTokens,
      });
      deviceTokens.push(...(await reply<{ deviceTokens: string[] }>(proc)).deviceTokens);
      made += usersAtOnce;
    }
    await rate(600, 8, async () => {
      if (missing <= 0) return false;
      missing--;
      const i = next++;
      const { body } = await post(`${url}/api/v1/flows`, { clientId: 'bench' });
      const device = withDeviceTokens ? { deviceToken: deviceTokens[i]! } : {};
      const done = await post(`${url}/api/v1/flows/password`, { flow: body.flow, username: `bench${from + i}`, password: PASSWORD, ...device });
      if (done.status !== 200) throw new Error(JSON.stringify(done.body));
      flows.push(body.flow);
    });
  };
  /** A new device gets a device token, a known one keeps its own. */
  const verify = async () => {
    const flow = flows.pop();
    if (!flow) return false;
    const done = await post(`${url}/api/v1/flows/totp/verify`, { flow, code: await codeNow() });
    if (done.body.status !== 'complete' || (typeof done.body.deviceToken === 'string') === withDeviceTokens)
      throw new Error(JSON.stringify(done.body));
  };
  return { topUp, verify };
}
