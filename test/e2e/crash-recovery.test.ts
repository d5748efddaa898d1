import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswords } from '../../server/auth/passwords.js';
import type { Config } from '../../server/config.js';
import { openStore } from '../../server/store/index.js';
import { testSchema, type TestSchema } from '../support/postgres.js';
import { freePort } from '../support/free-port.js';
import { killProcess, startServerProcess, type ServerProcess } from '../support/server-process.js';
import {
  Api,
  CLIENT_ID,
  codeAt,
  currentStep,
  expectStatus,
  newAccount,
  passwordStep,
  runLoad,
  scripts,
  textedCode,
  TOTP,
  type Account,
  type Kind,
  type Op,
} from './crash-load.js';

const PER_KIND = 10;
const WORKERS = 6;
/** Killed once about half the operations were answered, with every kind among them. */
const KILL_AFTER = Math.round((PER_KIND * Object.values(scripts).flat().length) / 2);

/** Interleaved kinds, so the kill finds every kind of operation in flight. */
function accounts(): Account[] {
  const list: Account[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    for (const [k, kind] of (['totp', 'sms', 'phone'] as Kind[]).entries())
      list.push(newAccount(kind, i, `+1201555${String(k * 1000 + i).padStart(4, '0')}`));
  }
  return list;
}

/** Users as an admin makes them: sms users with a number on file, the others with a password only. */
async function seedUsers(store: Config['store'], list: Account[]) {
  const db = openStore(store);
  try {
    await db.migrate();
    const passwords = await createPasswords();
    for (const a of list) {
      await db.createUser(
        { username: a.username, displayName: a.username, passwordHash: await passwords.hash(a.password), phone: a.kind === 'sms' ? a.phone : null },
        new Date(),
      );
    }
  } finally {
    await db.close();
  }
}

async function inParallel<T>(items: T[], workers: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await fn(item);
    }),
  );
}

/** Every authenticator whose enrolment was answered works, and no step it used works twice. */
async function checkAuthenticator(api: Api, a: Account) {
  const { flow, options } = await passwordStep(api, a);
  const totp = options.find((o) => o.method === 'totp');
  if (a.totpSecret) expect(totp, `${a.username}'s authenticator`).toMatchObject({ enrolled: true });
  if (!totp?.enrolled) {
    // Never enrolled, or its enrolment had no answer: then it is still a first use, not half an authenticator.
    if (a.kind === 'totp') expect(totp, `${a.username} can enrol`).toMatchObject({ enrolled: false, canEnroll: true });
    return;
  }
  const secret = (a.totpSecret ?? a.shownSecret)!;
  for (const step of a.usedSteps) {
    // Inside the accepted window: a refusal is the used-step check, not the clock.
    expect(currentStep() - step).toBeLessThan(TOTP.window);
    const again = await api.post('/api/v1/flows/totp/verify', { flow, code: await codeAt(secret, step) });
    expect(again.body.error, `${a.username}'s TOTP step ${step} used again`).toBe('invalid_code');
  }
  const fresh = Math.max(...a.sentSteps) + 1;
  expect(fresh - currentStep()).toBeLessThanOrEqual(TOTP.window);
  const done = await api.post('/api/v1/flows/totp/verify', { flow, code: await codeAt(secret, fresh) });
  expect(done.body.status, `${a.username} signs in with the authenticator`).toBe('complete');
}

/** No used backup code works again; an unused one still does. */
async function checkBackupCodes(api: Api, a: Account) {
  if (a.backupCodes.length === 0) return;
  const { flow } = await passwordStep(api, a);
  for (const code of a.usedBackupCodes) {
    const again = await api.post('/api/v1/flows/backup-code/verify', { flow, code });
    expect(again.body.error, `${a.username}'s backup code used again`).toBe('invalid_code');
  }
  const unused = a.backupCodes.find((c) => !a.sentBackupCodes.includes(c))!;
  const done = await api.post('/api/v1/flows/backup-code/verify', { flow, code: unused });
  expect(done.body.status, `${a.username} signs in with an unused backup code`).toBe('complete');
  // A code sent when the server died may or may not have been used; an answered one was.
  expect(done.body.backupCodesRemaining).toBeLessThanOrEqual(a.backupCodes.length - a.usedBackupCodes.length - 1);
  expect(done.body.backupCodesRemaining).toBeGreaterThanOrEqual(a.backupCodes.length - a.sentBackupCodes.length - 1);
}

/** No texted code works twice; every registered phone (and the admin's) still gets codes that work. */
async function checkPhone(api: Api, a: Account) {
  for (const used of a.usedSmsCodes) {
    const again = await api.post('/api/v1/flows/sms/verify', used);
    expect(again.status, `${a.username}'s texted code used again`).not.toBe(200);
    expect(again.body.error).toEqual(expect.any(String));
  }
  const { flow, options } = await passwordStep(api, a);
  const sms = options.find((o) => o.method === 'sms');
  if (a.kind === 'phone' && !a.phoneEnrolled && !sms?.enrolled) {
    // Never registered, or its registration had no answer: still a first use.
    expect(sms, `${a.username} can register a phone`).toMatchObject({ enrolled: false, canEnroll: true });
    return;
  }
  expect(sms, `${a.username}'s phone`).toMatchObject({ enrolled: true, phone: expect.stringMatching(new RegExp(`${a.phone.slice(-4)}$`)) });
  expectStatus(await api.post('/api/v1/flows/sms/send', { flow }), 200, 'sms send');
  const done = await api.post('/api/v1/flows/sms/verify', { flow, code: await textedCode(api, a.phone) });
  expect(done.body.status, `${a.username} signs in with a text`).toBe('complete');
}

describe('a server killed (SIGKILL) in the middle of logins, enrolments and backup-code uses', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function crashAndRecover(store: (dir: string) => Config['store'], afterKill: (store: Config['store']) => void = () => {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const storeConfig = store(dir);
    const configFile = path.join(dir, 'mfa-login.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        port,
        host: '127.0.0.1',
        issuer,
        store: storeConfig,
        keyFile: path.join(dir, 'mfa-login.key'),
        devOutbox: true,
        // Each user has an address of their own, so no per-address limit joins them up.
        trustProxy: true,
        totp: { period: TOTP.period, window: TOTP.window },
        sms: { resendAfterSeconds: 0 },
        clients: [
          {
            clientId: CLIENT_ID,
            name: 'Crash test',
            allowedOrigins: [issuer],
            sequence: [['password'], ['totp', 'sms', 'backup_code']],
            allowPhoneEnrollment: true,
          },
        ],
      }),
    );
    const list = accounts();
    await seedUsers(storeConfig, list);

    let server: ServerProcess = await startServerProcess(dir, configFile);
    cleanups.push(() => killProcess(server.child, 'SIGKILL'));
    const api = new Api(server.url);
    let killed: Promise<void> | undefined;
    const allKinds = (counts: Record<Op, number>) => Object.values(counts).every((n) => n > 0);
    const counts = await runLoad(api, list, WORKERS, (counts) => {
      if (!killed && Object.values(counts).reduce((x, y) => x + y) >= KILL_AFTER && allKinds(counts)) killed = killProcess(server.child, 'SIGKILL');
      return killed !== undefined;
    });
    await killed;
    expect(server.child.signalCode).toBe('SIGKILL');
    // It died mid-load: some operations had no answer, and some of each kind had one.
    expect(list.filter((a) => a.interrupted).length).toBeGreaterThan(0);
    expect(allKinds(counts)).toBe(true);
    afterKill(storeConfig);

    server = await startServerProcess(dir, configFile);
    const restarted = new Api(server.url);
    await inParallel(list, WORKERS, async (a) => {
      const as = restarted.from(a.ip);
      await checkAuthenticator(as, a);
      await checkBackupCodes(as, a);
      if (a.kind !== 'totp') await checkPhone(as, a);
    });

    // The signing key lived through it: tokens handed out before the kill still verify.
    const jwks = createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`));
    const tokens = list.flatMap((a) => a.idTokens);
    expect(tokens.length).toBeGreaterThanOrEqual(KILL_AFTER);
    for (const token of tokens) await jwtVerify(token, jwks, { issuer, audience: CLIENT_ID });
  }

  it('keeps every answered enrolment and use on SQLite, and the file passes integrity_check', async () => {
    await crashAndRecover(
      (dir) => ({ type: 'sqlite', path: path.join(dir, 'data', 'mfa-login.db') }),
      (store) => {
        const db = new Database((store as { path: string }).path);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(db.pragma('foreign_key_check')).toEqual([]);
        } finally {
          db.close();
        }
      },
    );
  });

  it('keeps every answered enrolment and use on Postgres', async () => {
    const schema: TestSchema = await testSchema();
    cleanups.push(() => schema.drop());
    await crashAndRecover(() => ({ type: 'postgres', url: schema.url, schema: schema.schema, preparedStatements: true }));
  });
});
