// `npm run bench`: throughput of the hot paths on this machine. Prints numbers; asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generate } from 'otplib';
import { createPasswords } from '../../server/auth/passwords.js';
import { startTestServer } from '../support/server.js';

async function rate(label: string, seconds: number, concurrency: number, once: () => Promise<unknown>) {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await once();
        done++;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${label.padEnd(52)} ${(done / elapsed).toFixed(1).padStart(8)} /s   (${done} in ${elapsed.toFixed(1)} s, ${concurrency} at once)`);
}

const passwords = await createPasswords();
const hash = await passwords.hash('correct horse battery staple');
await rate('argon2id verify (m=19 MiB, t=2, p=1)', 3, 4, () => passwords.verify(hash, 'correct horse battery staple'));

const server = await startTestServer({
  logLevel: 'silent',
  password: { perUsernameAndIpLimit: 1_000_000, slowDown: { afterFailures: 1_000_000 } },
  flow: { startsPerMinutePerIp: 1_000_000 },
  clients: [{ clientId: 'bench', name: 'Bench', sequence: [['password'], ['totp']] }],
});
try {
  await rate('POST /api/v1/flows (start a flow)', 3, 8, async () => {
    if ((await server.post('/api/v1/flows', { clientId: 'bench' })).status !== 201) throw new Error('flow start refused');
  });
  // Each login needs a fresh user so that every TOTP time step is new.
  let n = 0;
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const { store, keyring } = server.services;
  await rate('full login: start + password + TOTP + id_token', 5, 4, async () => {
    const username = `bench${n++}`;
    const user = await store.createUser({ username, displayName: username, passwordHash: hash }, new Date());
    await store.setTotp(
      { userId: user.id, sealedSecret: keyring.seal(secret, `totp-seed:${user.id}`), algorithm: 'sha1', digits: 6, period: 30 },
      new Date(),
    );
    const { body } = await server.post('/api/v1/flows', { clientId: 'bench' });
    await server.post('/api/v1/flows/password', { flow: body.flow, username, password: 'correct horse battery staple' });
    const done = await server.post('/api/v1/flows/totp/verify', { flow: body.flow, code: await generate({ secret }) });
    if (done.body.status !== 'complete') throw new Error(JSON.stringify(done.body));
  });
  const now = new Date();
  await rate('id_token signing (ES256)', 2, 1, () =>
    server.services.tokens.issueIdToken({ sub: 's', aud: 'bench', authTime: now, nonce: null, acr: 'mfa', amr: ['pwd'], sid: 'x' }, now),
  );
} finally {
  await server.stop();
}

/** An entry and the chunks it imports: what a page loading the element downloads. */
function entrySize(entry: string): { raw: number; gzip: number } | null {
  const file = path.join('dist/widget', entry);
  if (!existsSync(file)) return null;
  const code = readFileSync(file);
  const chunks = [...code.toString().matchAll(/["'](\.\/[\w.-]+\.js)["']/g)].map((m) => m[1]!);
  return [...new Set(chunks)].reduce(
    (sum, chunk) => {
      const part = entrySize(chunk);
      return part ? { raw: sum.raw + part.raw, gzip: sum.gzip + part.gzip } : sum;
    },
    { raw: code.length, gzip: gzipSync(code, { level: 9 }).length },
  );
}

for (const entry of ['mfa-login.js', 'mfa-login-settings.js']) {
  const size = entrySize(entry);
  const label = `widget ${entry} (what a page downloads)`.padEnd(52);
  console.log(
    size
      ? `${label} ${(size.raw / 1024).toFixed(1)} KB, ${(size.gzip / 1024).toFixed(1)} KB gzip (budget 20 KB)`
      : `${label} not built (npm run build)`,
  );
}
