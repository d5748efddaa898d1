import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../server/config.js';
import { passwordStep } from '../support/login.js';
import { testSchema, type TestSchema } from '../support/postgres.js';
import { registeredRoutes } from '../support/routes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { contractErrorProblem, freshSignIn, send, type Answer } from './support.js';

/** Every JSON POST endpoint and the fields of its body. */
const FIELDS: Record<string, string[]> = {
  '/api/v1/flows': ['clientId', 'nonce', 'acr', 'loginHint'],
  '/api/v1/flows/introspect': ['flow'],
  '/api/v1/flows/cancel': ['flow'],
  '/api/v1/flows/password': ['flow', 'username', 'password'],
  '/api/v1/flows/sms/send': ['flow'],
  '/api/v1/flows/sms/enroll': ['flow', 'phone'],
  '/api/v1/flows/sms/verify': ['flow', 'code'],
  '/api/v1/flows/totp/enroll': ['flow'],
  '/api/v1/flows/totp/verify': ['flow', 'code'],
  '/api/v1/flows/backup-code/verify': ['flow', 'code'],
  '/api/v1/flows/email/send': ['flow'],
  '/api/v1/flows/email/verify': ['flow', 'code'],
  '/api/v1/flows/device/challenge': ['flow'],
  '/api/v1/flows/device/verify': ['flow', 'deviceId', 'signature'],
  '/api/v1/flows/device/trust': ['flow', 'publicKey'],
  '/api/v1/me/totp/enroll': [],
  '/api/v1/me/totp/verify': ['code', 'name'],
  '/api/v1/me/totp/remove': ['id'],
  '/api/v1/me/totp/rename': ['id', 'name'],
  '/api/v1/me/phone': ['phone'],
  '/api/v1/me/phone/verify': ['code'],
  '/api/v1/me/backup-codes': [],
  '/api/v1/me/devices/revoke': ['id'],
  '/api/v1/me/devices/revoke-all': [],
};

/** JSON values of the wrong type for any field: each must be refused. */
const WRONG_TYPES = [
  'null',
  '0',
  '-1',
  '1.5',
  '1e308',
  'true',
  'false',
  '[]',
  '["x"]',
  '{}',
  '{"$gt":""}',
  '{"__proto__":{"polluted":true}}',
  '[[[[[[[[[[]]]]]]]]]]',
];

/** Strings that are odd but well-typed: anything but a 5xx is fine. */
const ODD_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'al\u0000ice',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\u202eabc',
  'A\u0301',
  'ﬀ',
  'ǅ',
  'İ',
  '𝟙𝟚𝟛𝟜𝟝𝟞',
  '١٢٣٤٥٦',
  '１２３４５６',
  '😀'.repeat(20),
  'x'.repeat(15_000),
  '../../etc/passwd',
  "' OR '1'='1",
  '%00',
  '${7*7}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'NaN',
  '-0',
  'a\r\nX-Injected: 1',
  '+1 (201) 555-0123 ext. 4',
  '+999999999999999999999',
  '+',
  '+٠١٢٣',
];

/**
 * Bodies no endpoint may accept: `malformed` ones fail before any route sees them; the others
 * carry no usable field, so only endpoints that need a field must refuse them.
 */
function hopelessBodies(flow: string): [label: string, body: string | Buffer, headers: Record<string, string>, malformed: boolean][] {
  const json = { 'content-type': 'application/json' };
  const valid = JSON.stringify({ flow });
  return [
    ['not JSON', 'not json', json, true],
    ['truncated', '{"flow":', json, true],
    ['JSON array', JSON.stringify([{ flow }]), json, true],
    ['JSON null', 'null', json, true],
    ['JSON number', '42', json, true],
    ['JSON string', JSON.stringify(flow), json, true],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), json, true],
    ['over 16 kB', JSON.stringify({ flow, pad: 'x'.repeat(17_000) }), json, true],
    ['UTF-16 charset', valid, { 'content-type': 'application/json; charset=utf-16' }, true],
    ['Latin-1 charset', valid, { 'content-type': 'application/json; charset=iso-8859-1' }, true],
    ['gzip that is not', valid, { ...json, 'content-encoding': 'gzip' }, true],
    ['brotli that is not', valid, { ...json, 'content-encoding': 'br' }, true],
    ['unknown encoding', valid, { ...json, 'content-encoding': 'x-unknown' }, true],
    ['NUL deep inside', `{"flow":${JSON.stringify(flow)},"x":${'['.repeat(3000)}"\u0000"${']'.repeat(3000)}}`, json, true],
    ['empty', '', json, false],
    ['nested arrays', `{"flow":${'['.repeat(7000)}${']'.repeat(7000)}}`, json, false],
    ['nested objects', `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`, json, false],
    ['flow hidden in __proto__', `{"__proto__":{"flow":${JSON.stringify(flow)}}}`, json, false],
    ['flow hidden in constructor.prototype', `{"constructor":{"prototype":{"flow":${JSON.stringify(flow)}}}}`, json, false],
    ['form-encoded', `flow=${flow}`, { 'content-type': 'application/x-www-form-urlencoded' }, false],
    [
      'multipart',
      `--x\r\nContent-Disposition: form-data; name="flow"\r\n\r\n${flow}\r\n--x--\r\n`,
      { 'content-type': 'multipart/form-data; boundary=x' },
      false,
    ],
    ['XML', `<flow>${flow}</flow>`, { 'content-type': 'application/xml' }, false],
    // A Buffer, so fetch adds no text/plain of its own.
    ['no content type', Buffer.from(valid), {}, false],
  ];
}

const forgedHandle = () => randomBytes(32).toString('base64url');

/** A user with no phone, for phone registration inside a flow. */
async function addBob(server: TestServer) {
  await server.services.store.createUser(
    { username: 'bob', displayName: 'Bob', passwordHash: await server.services.passwords.hash('bob-password-1') },
    server.services.now(),
  );
}

/**
 * The body that gets furthest into each endpoint: a live flow at the step that offers the
 * method, or a fresh id_token for self-service. Made just before use, so nothing has expired.
 */
async function baseBody(
  server: TestServer,
  path: string,
  backupCodes: string[],
): Promise<{ body: Record<string, unknown>; headers: Record<string, string> }> {
  const json = { 'content-type': 'application/json' };
  if (path === '/api/v1/flows') return { body: { clientId: 'demo', nonce: 'n', acr: 'mfa', loginHint: 'alice' }, headers: json };
  if (path.startsWith('/api/v1/me/')) {
    // Password and a backup code: a fresh second factor, as a settings change needs.
    const { flow } = await passwordStep(server);
    const done = await server.post('/api/v1/flows/backup-code/verify', { flow, code: backupCodes.pop() });
    return {
      body: { code: '123456', phone: '+12015550199', id: 'device-id-0000000000' },
      headers: { ...json, authorization: `Bearer ${done.body.result.idToken}` },
    };
  }
  if (path === '/api/v1/flows/password' || path === '/api/v1/flows/introspect' || path === '/api/v1/flows/cancel') {
    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    return { body: { flow: started.body.flow, username: 'nobody', password: 'wrong password' }, headers: json };
  }
  if (path === '/api/v1/flows/sms/enroll') {
    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    await server.post('/api/v1/flows/password', { flow: started.body.flow, username: 'bob', password: 'bob-password-1' });
    return { body: { flow: started.body.flow, phone: '+12015550199' }, headers: json };
  }
  const { flow } = await passwordStep(server);
  if (path.endsWith('/verify')) await server.post(path.replace('/verify', '/send'), { flow });
  const device = {
    deviceId: 'device-id-0000000000',
    signature: 'A'.repeat(86),
    publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
  };
  return { body: { flow, code: '123456', ...device }, headers: json };
}

const stores: [string, () => Promise<{ config: ConfigInput; schema?: TestSchema }>][] = [
  ['SQLite', async () => ({ config: {} })],
  [
    'Postgres',
    async () => {
      const schema = await testSchema();
      return { config: { store: { type: 'postgres', url: schema.url, schema: schema.schema } }, schema };
    },
  ],
];

describe.each(stores)('bad input never yields a 5xx (%s)', (_name, storeConfig) => {
  let server: TestServer;
  let schema: TestSchema | undefined;
  let backupCodes: string[];
  beforeAll(async () => {
    const chosen = await storeConfig();
    schema = chosen.schema;
    server = await startTestServer({
      ...chosen.config,
      clients: [{ clientId: 'svc', name: 'Service', clientSecret: 'svc-secret-0123456789' }],
      sms: { caps: { perPhonePerHour: 10_000, perIpPerHour: 10_000 }, resendAfterSeconds: 0 },
      email: { caps: { perAddressPerHour: 10_000, perIpPerHour: 10_000 }, resendAfterSeconds: 0 },
    });
    await addBob(server);
    backupCodes = (await freshSignIn(server)).backupCodes;
  });
  afterAll(async () => {
    await server?.stop();
    await schema?.drop();
  });

  it('knows every JSON POST endpoint the app registers', () => {
    const posts = registeredRoutes(server.app)
      .filter((r) => r.startsWith('POST /api/'))
      .map((r) => r.slice(5));
    expect(posts.sort()).toEqual(Object.keys(FIELDS).sort());
  });

  it.each(Object.keys(FIELDS))("answers %s in the contract's error shape", async (path) => {
    let sent = 0;
    const problems: string[] = [];
    const post = async (label: string, body: string | Buffer, headers: Record<string, string>, mustFail: boolean): Promise<Answer> => {
      // Flow starts are limited per address and minute; the clock moves on instead of waiting.
      if (++sent % 100 === 0) server.advance(61);
      const answer = await send(server, 'POST', path, body, headers);
      const problem = answer.status < 400 && !mustFail ? null : contractErrorProblem(answer);
      if (problem) problems.push(`${label}: ${problem}`);
      return answer;
    };
    const { body: base, headers } = await baseBody(server, path, backupCodes);
    const fields = FIELDS[path]!;
    const baseOf = () => Object.fromEntries(Object.entries(base).filter(([k]) => fields.includes(k)));

    for (const [label, body, h, malformed] of hopelessBodies(String(base.flow ?? forgedHandle()))) {
      await post(label, body, { ...h, ...(headers.authorization ? { authorization: headers.authorization } : {}) }, malformed || fields.length > 0);
    }
    for (const field of fields) {
      for (const wrong of WRONG_TYPES) await post(`${field} = ${wrong}`, JSON.stringify({ ...baseOf(), [field]: JSON.parse(wrong) }), headers, true);
      for (const odd of ODD_STRINGS)
        await post(`${field} = ${JSON.stringify(odd).slice(0, 40)}`, JSON.stringify({ ...baseOf(), [field]: odd }), headers, false);
      const { [field]: _missing, ...rest } = baseOf();
      await post(`${field} missing`, JSON.stringify(rest), headers, false);
    }
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString']) {
      await post(`extra key ${key}`, `{${JSON.stringify(key)}:{"polluted":true},${JSON.stringify(baseOf()).slice(1)}`, headers, false);
    }
    if (fields.includes('flow')) {
      const forged = await post('forged handle', JSON.stringify({ ...baseOf(), flow: forgedHandle() }), headers, true);
      expect(forged.body.error).toBe('flow_not_found');
    }
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
  });

  it('answers the token endpoint with OAuth errors, never a 5xx', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const basic = (id: string, secret: string) => ({ ...form, authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
    const good = basic('svc', 'svc-secret-0123456789');
    const grant = 'grant_type=urn%3Amfa-login%3Agrant-type%3Asms-otp';
    const cases: [string, string, Record<string, string>][] = [
      ['JSON body', JSON.stringify({ grant_type: 'x' }), { 'content-type': 'application/json' }],
      ['no body', '', form],
      ['over 8 kB', `${grant}&username=${'1'.repeat(9000)}`, good],
      ['unknown client', grant, basic('nobody', 'x')],
      ['NUL in client id', grant, basic('svc\u0000', 'x')],
      ['NUL in body client id', `${grant}&client_id=svc%00&client_secret=x`, form],
      ['broken Basic', grant, { ...form, authorization: 'Basic %%%' }],
      ['bad escapes in Basic', grant, basic('%E0%A4%A', '%')],
      ['unknown grant', 'grant_type=password&username=a&password=b', good],
      ['arrays', `${grant}&username=1&username=2`, good],
      ['NUL phone', `${grant}&username=%2B1201555%000123`, good],
      ['odd phone', `${grant}&username=%F0%9F%98%80`, good],
      ['message without {code}', `${grant}&username=%2B12015550123&message=hi`, good],
      ['forged reference', `${grant}&reference=${'a'.repeat(43)}.${'b'.repeat(22)}&code=123456`, good],
      ['NUL reference', `${grant}&reference=${'a'.repeat(40)}%00.x&code=1`, good],
      ['invalid UTF-8', `${grant}&username=%FF%FE`, good],
    ];
    const problems: string[] = [];
    for (const [label, body, headers] of cases) {
      const answer = await send(server, 'POST', '/oauth2/token', body, headers);
      const known = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type'];
      if (answer.status < 400 || answer.status >= 500 || !known.includes(answer.body?.error) || typeof answer.body?.error_description !== 'string') {
        problems.push(`${label}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 100)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers odd queries of the GET endpoints without a 5xx', async () => {
    const paths = [
      '/api/v1/dev/outbox?to[]=a&to[]=b',
      '/api/v1/dev/outbox?to=%00',
      '/api/v1/dev/outbox?to=%FF',
      '/api/v1/me?access_token=x',
      '/api/v1/me?__proto__[x]=1',
      '/api/v1/flows?flow=x',
      '/api/v1/%E0%A4%A',
      '/.well-known/jwks.json?x=%00',
    ];
    for (const path of paths) expect((await send(server, 'GET', path)).status, path).toBeLessThan(500);
  });
});
