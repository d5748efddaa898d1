import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../support/login.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CLIENT_SECRET = 'svc-secret-0123456789-abcdef';

/** RFC 4648 base32 to bytes: the secret's raw form, in case something stored that instead. */
function base32Bytes(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

describe('data at rest', () => {
  let server: TestServer;
  let dbFile: string;
  let secret: string;
  let backupCodes: string[];
  let handles: string[];
  let smsCode: string;
  let idToken: string;

  beforeAll(async () => {
    server = await startTestServer({ clients: [{ clientId: 'svc', name: 'Service', clientSecret: CLIENT_SECRET }] });
    const store = server.services.config.store;
    if (store.type !== 'sqlite') throw new Error('this suite reads the SQLite file');
    dbFile = store.path;

    const { flow } = await passwordStep(server);
    secret = (await server.post('/api/v1/flows/totp/enroll', { flow })).body.enrollment.secret;
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    backupCodes = done.body.backupCodes;
    idToken = done.body.result.idToken;
    // A flow left waiting with an SMS code and a TOTP enrolment of its own in flight.
    const pending = await passwordStep(server);
    await server.post('/api/v1/flows/sms/send', { flow: pending.flow });
    smsCode = /(\d{6})/.exec((await server.get('/api/v1/dev/outbox?to=%2B12015550123')).body.messages[0].body)![1]!;
    // A third flow e-mails a code: its counters must not name the address.
    const mailed = await passwordStep(server);
    await server.post('/api/v1/flows/email/send', { flow: mailed.flow });
    handles = [flow, pending.flow, mailed.flow];
  });
  afterAll(() => server.stop());

  /** Every value of every row of every table, as text. */
  function everyValue(): { where: string; text: string }[] {
    const db = new Database(dbFile, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      return tables.flatMap(({ name }) =>
        (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).flatMap((row) =>
          Object.entries(row).map(([column, value]) => ({
            where: `${name}.${column}`,
            text: Buffer.isBuffer(value) ? value.toString('hex') + value.toString('latin1') : String(value),
          })),
        ),
      );
    } finally {
      db.close();
    }
  }

  /** The database files byte for byte, free pages and write-ahead log included. */
  const rawFiles = () =>
    [dbFile, `${dbFile}-wal`]
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');

  const found = (needles: string[]) => {
    const values = everyValue();
    const raw = rawFiles();
    return needles.flatMap((needle) => [
      ...values.filter((v) => v.text.includes(needle)).map((v) => `${needle} in ${v.where}`),
      ...(raw.includes(needle) ? [`${needle} in the raw file`] : []),
    ]);
  };

  it('holds no TOTP secret in any form', () => {
    const bytes = base32Bytes(secret);
    expect(bytes).toHaveLength(20);
    expect(found([secret, secret.toLowerCase(), bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')])).toEqual([]);
  });

  it('holds no plain backup code, however written', () => {
    const forms = backupCodes.flatMap((c) => [c, c.replace('-', ''), c.toUpperCase()]);
    expect(found(forms)).toEqual([]);
  });

  it('stores the password only as an argon2id hash', () => {
    const rows = everyValue().filter((v) => v.where === 'users.password_hash');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.text).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(found([server.demo!.password])).toEqual([]);
  });

  it('holds no flow handle, SMS code, id_token, client secret or private signing key', () => {
    expect(found([...handles, idToken, idToken.split('.')[2]!, CLIENT_SECRET])).toEqual([]);
    const values = everyValue();
    expect(values.filter((v) => new RegExp(`(?<!\\d)${smsCode}(?!\\d)`).test(v.text)).map((v) => v.where)).toEqual([]);
    for (const key of values.filter((v) => v.where === 'signing_keys.sealed_private_jwk')) expect(key.text).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  });

  it('keys the counters of texts and e-mails by keyed hashes, never the phone number or address', () => {
    const counters = everyValue().filter((v) => v.where === 'counters.key');
    expect(counters.some((v) => v.text.startsWith('email:to:'))).toBe(true);
    expect(counters.filter((v) => /alice@example\.com|2015550123/i.test(v.text)).map((v) => v.text)).toEqual([]);
  });

  it('holds a token-grant number only sealed, while its code waits and after it came back', async () => {
    const phone = '+12015550188';
    const grant = async (fields: Record<string, string>) => {
      const res = await fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`svc:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'urn:mfa-login:grant-type:sms-otp', ...fields }).toString(),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const forms = [phone, phone.slice(1), phone.slice(2), '201-555-0188', '(201) 555-0188'];
    const sent = await grant({ username: phone });
    expect(sent.status).toBe(200);
    expect(found(forms)).toEqual([]);
    const code = /(\d{6})/.exec((await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`)).body.messages[0].body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await grant({ reference: sent.body.challenge.reference, code: wrong })).body.error_description).toBe('OTP Invalid');
    expect(found(forms)).toEqual([]);
    const done = await grant({ reference: sent.body.challenge.reference, code });
    expect(done.status).toBe(200);
    expect(found(forms)).toEqual([]);
  });

  it('keeps the master key out of the database, in a file only its owner can read', () => {
    const keyFile = server.services.config.keyFile;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(found([key, Buffer.from(key, 'base64').toString('hex')])).toEqual([]);
    const demoCredentials = path.join(path.dirname(keyFile), 'demo-credentials.json');
    expect(statSync(demoCredentials).mode & 0o777).toBe(0o600);
  });
});
