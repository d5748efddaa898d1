// A server for `npm run bench`, in a process of its own so that the load generator's work is not
// counted against its event loop. `mfa`: the real server (SQLite, or the store, key file and
// issuer given as JSON in the next argument); `bare`: an Express 5 JSON POST.
import express from 'express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigInput } from '../../server/config.js';
import { freePort } from '../support/free-port.js';
import { localServerConfig } from '../support/server-config.js';
import { serverIsBuilt } from './startup.js';

/**
 * The server as `mfa-login start` runs it: the build (tsc's output) when there is one, else the
 * sources through tsx, whose transform wraps every function made at run time in a naming call
 * that the build does not have. `MFA_LOGIN_BENCH_SERVER` names another checkout whose build runs
 * instead (`npm run bench:ab`).
 */
const other = process.env.MFA_LOGIN_BENCH_SERVER || undefined;
const root = other ? path.resolve(other) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverModule = <M>(name: string): Promise<M> => import(path.join(root, other || serverIsBuilt() ? 'dist/server' : 'server', `${name}.js`));

const send = (message: unknown) => process.send?.(message);

/**
 * CPU time so far: the main thread's alone (ns, Linux's schedstat; null elsewhere), where the event
 * loop runs, and the whole process's (µs, with the hash threads). Time on a CPU, not wall time, so
 * other work on the machine moves it little.
 */
function cpu(): { mainNs: number | null; processUs: number } {
  let mainNs: number | null = null;
  try {
    mainNs = Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    // not Linux
  }
  const { user, system } = process.cpuUsage();
  return { mainNs, processUs: user + system };
}

/**
 * `seed` adds returning users bench<from>…; `passwordHash` replaces the server's own hash (a
 * cheaper one); `deviceTokens` also gives each a device token, as a device that signed in before
 * holds, and answers them in order.
 */
type Message =
  | { type: 'seed'; from: number; users: number; password: string; secret: string; passwordHash?: string; deviceTokens?: boolean }
  | { type: 'memory' }
  | { type: 'cpu' };

if (process.argv[2] === 'bare') {
  const app = express();
  app.use(express.json({ limit: '16kb' }));
  app.post('/echo', (req, res) => {
    res.status(201).json({ ok: true, got: req.body?.clientId ?? null });
  });
  const listener = app.listen(0, '127.0.0.1', () => send({ url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}` }));
  process.on('message', (message: Message) => message.type === 'cpu' && send(cpu()));
  process.on('disconnect', () => process.exit(0));
} else {
  const [{ createServer }, { parseConfig }, { createLogger }, { hashBackupCode }, { backupCode }] = await Promise.all([
    serverModule<typeof import('../../server/app.js')>('app'),
    serverModule<typeof import('../../server/config.js')>('config'),
    serverModule<typeof import('../../server/logger.js')>('logger'),
    serverModule<typeof import('../../server/auth/backup-codes.js')>('auth/backup-codes'),
    serverModule<typeof import('../../server/crypto/codes.js')>('crypto/codes'),
  ]);
  const overrides = JSON.parse(process.argv[3] ?? '{}') as ConfigInput;
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-bench-'));
  const port = await freePort();
  const config = parseConfig(
    {
      // With the demo page, which the widget rows load.
      ...localServerConfig(dir, port),
      // Logs as `mfa-login start` does: every request's line, at info, to stdout (the bench points it at /dev/null).
      logLevel: 'info',
      password: { perUsernameAndIpLimit: 1_000_000, slowDown: { afterFailures: 1_000_000 } },
      flow: { startsPerMinutePerIp: 1_000_000 },
      clients: [{ clientId: 'bench', name: 'Bench', sequence: [['password'], ['totp']] }],
      ...overrides,
    },
    {},
  );
  const server = await createServer(config, { logger: createLogger(config), env: {} });
  const url = await server.listen(port, '127.0.0.1');
  const { store, keyring, passwords } = server.services;
  process.on('message', async (message: Message) => {
    if (message.type === 'cpu') return send(cpu());
    // After a full collection (the bench starts this process with --expose-gc): what is still held, not garbage not yet collected.
    if (message.type === 'memory') {
      globalThis.gc?.();
      return send({ ...process.memoryUsage(), collected: typeof globalThis.gc === 'function' });
    }
    // Every login needs a user of its own, so that each TOTP time step is new.
    const passwordHash = message.passwordHash ?? (await passwords.hash(message.password));
    const now = new Date();
    const deviceTokens: string[] = [];
    for (let i = message.from; i < message.from + message.users; i++) {
      const user = await store.createUser({ username: `bench${i}`, displayName: `bench${i}`, passwordHash }, now);
      await store.setTotp(
        { userId: user.id, sealedSecret: keyring.seal(message.secret, `totp-seed:${user.id}`), algorithm: 'sha1', digits: 6, period: 30 },
        now,
      );
      // A returning user: past the first second factor, backup codes held. A login is measured, not the one-off first use (ten codes made and stored).
      await store.markSecondFactor(user.id, now);
      await store.createBackupCodes(
        user.id,
        Array.from({ length: 10 }, () => hashBackupCode(keyring, user.id, backupCode())),
        now,
      );
      if (message.deviceTokens) {
        deviceTokens.push(server.services.deviceTokens.issue(user.id, now));
        // Written as they go: the server holds at most 10,000 unwritten and drops the oldest beyond.
        if (deviceTokens.length % 1_000 === 0) await server.services.deviceTokens.flush();
      }
    }
    await server.services.deviceTokens.flush();
    send({ users: message.users, deviceTokens });
  });
  process.on(
    'disconnect',
    () =>
      void server.close().then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      }),
  );
  send({ url, pid: process.pid });
}
