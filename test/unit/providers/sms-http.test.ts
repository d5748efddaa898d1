import { afterEach, describe, expect, it } from 'vitest';
import { MfaError } from '../../../server/errors.js';
import { Outbox } from '../../../server/providers/outbox.js';
import { MAX_ANSWER_BYTES } from '../../../server/providers/sms/answer.js';
import { smsProviderConfig, type SmsProviderConfigInput } from '../../../server/providers/sms/config.js';
import { createSmsSender } from '../../../server/providers/sms/index.js';
import { ConfigError } from '../../../server/errors.js';
import { collectGarbage } from '../../support/gc.js';
import { closedPort, startGateway, type Gateway, type GatewayReply } from '../../support/gateway.js';
import { realLogs } from '../../support/logs.js';

const to = '+12015550123';
const tricky = 'Code "123456"\nline 2 – café ✓ & 1+1=2 100% ok?';

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

function sender(config: SmsProviderConfigInput, extra: { env?: NodeJS.ProcessEnv; outbox?: Outbox } = {}) {
  const logs = realLogs();
  const sms = createSmsSender(smsProviderConfig.parse(config), {
    logger: logs.logger,
    env: extra.env ?? {},
    ...(extra.outbox ? { outbox: extra.outbox } : {}),
  });
  return { sms, logs };
}

async function listen(reply: GatewayReply = { status: 200 }): Promise<Gateway> {
  gateway = await startGateway(() => reply);
  return gateway;
}

async function failure(promise: Promise<void>): Promise<MfaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MfaError);
  return error as MfaError;
}

describe('generic HTTP provider: requests', () => {
  it('sends a GET whose URL template and query templates carry the URL-encoded number and message', async () => {
    const { url, requests } = await listen();
    const { sms } = sender(
      {
        type: 'http',
        method: 'GET',
        url: `${url}/sendsms?to={mobile}&content={challenge}`,
        query: { key: '${SMS_KEY}', text: '$ctx.msg', dst: '$ctx.digits' },
      },
      { env: { SMS_KEY: 'k&y+1' } },
    );
    await sms.send({ to, body: tricky });
    const [request] = requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/sendsms');
    expect(request?.body).toBe('');
    expect([...(request?.query ?? [])]).toEqual([
      ['to', to],
      ['content', tricky],
      ['key', 'k&y+1'],
      ['text', tricky],
      ['dst', '12015550123'],
    ]);
  });

  it('sends a WSO2-style JSON body with $ctx placeholders, escaping quotes, newlines and unicode', async () => {
    const { url, requests } = await listen({ status: 202 });
    const { sms } = sender(
      {
        type: 'http',
        url: `${url}/messages`,
        contentType: 'json',
        headers: { Authorization: 'Bearer ${SMS_TOKEN}' },
        payload: '{"text":"$ctx.msg","to":["$ctx.num"]}',
      },
      { env: { SMS_TOKEN: 'tok' } },
    );
    await sms.send({ to, body: tricky });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(request?.body ?? '')).toEqual({ text: tricky, to: [to] });
    expect(request?.body).toContain('\\"123456\\"\\nline 2');
  });

  it('sends a Ubisecure-style JSON body with bare {mobile} and {challenge}', async () => {
    const { url, requests } = await listen();
    const { sms } = sender({
      type: 'http',
      url,
      contentType: 'json',
      payload: '{"mobile": {mobile}, "challenge": {challenge}}',
      basicAuth: { username: 'test', password: 'secret' },
    });
    await sms.send({ to, body: tricky });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ mobile: to, challenge: tricky });
    expect(requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('test:secret').toString('base64')}`);
  });

  it('URL-encodes & and + in a form body template so they cannot split or alter fields', async () => {
    const { url, requests } = await listen();
    const { sms } = sender({ type: 'http', url, payload: 'Body=$ctx.msg&To=$ctx.num&From=Acme' });
    await sms.send({ to, body: tricky });
    const body = requests[0]?.body ?? '';
    expect(requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(body).toBe(`Body=${encodeURIComponent(tricky)}&To=%2B12015550123&From=Acme`);
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({ Body: tricky, To: to, From: 'Acme' });
  });

  it('form-encodes a record payload, repeating a field given as a list', async () => {
    const { url, requests } = await listen();
    const { sms } = sender({ type: 'http', url, payload: { to: ['$ctx.num', '+15550000'], text: '$ctx.msg' } });
    await sms.send({ to, body: 'a&b+c' });
    expect(requests[0]?.body).toBe('to=%2B12015550123&to=%2B15550000&text=a%26b%2Bc');
  });

  it('sends a record payload as JSON with each value rendered', async () => {
    const { url, requests } = await listen();
    const { sms } = sender({ type: 'http', url, contentType: 'json', payload: { to: ['$ctx.num'], text: 'OTP: {challenge}' } });
    await sms.send({ to, body: tricky });
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ to: [to], text: `OTP: ${tricky}` });
  });

  it('adds the configured unicode field only to texts outside GSM-7: to JSON fields, and to the query of a GET', async () => {
    const { url, requests } = await listen();
    const json = sender({
      type: 'http',
      url: `${url}/json`,
      contentType: 'json',
      payload: { text: '$ctx.msg' },
      unicode: { field: 'coding', value: '8' },
    }).sms;
    await json.send({ to, body: 'Code 123456' });
    await json.send({ to, body: 'Код 123456' });
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([{ text: 'Code 123456' }, { text: 'Код 123456', coding: '8' }]);
    const get = sender({
      type: 'http',
      method: 'GET',
      url: `${url}/get`,
      query: { text: '$ctx.msg' },
      unicode: { field: 'unicode', value: '1' },
    }).sms;
    await get.send({ to, body: 'Kód 123456' });
    expect([...requests[2]!.query]).toEqual([
      ['text', 'Kód 123456'],
      ['unicode', '1'],
    ]);
  });

  it('refuses a unicode field with a payload that is one string', () => {
    const parsed = smsProviderConfig.safeParse({
      type: 'http',
      url: 'https://sms.example',
      payload: 'text=$ctx.msg',
      unicode: { field: 'type', value: 'unicode' },
    });
    expect(parsed.success).toBe(false);
  });

  it('keeps a Content-Type header the configuration sets itself', async () => {
    const { url, requests } = await listen();
    const { sms } = sender({ type: 'http', url, contentType: 'json', headers: { 'Content-Type': 'application/vnd.sms+json' }, payload: '{}' });
    await sms.send({ to, body: 'x' });
    expect(requests[0]?.headers['content-type']).toBe('application/vnd.sms+json');
  });
});

describe('secrets from ${ENV}', () => {
  // Every character that can split, end or re-template a field where a secret stands.
  const ascii = 'a+b/c=d&e"f\\{mobile}$ctx.msg#%20';
  const token = `${ascii} ü`;
  const env = { SMS_TOKEN: token, SMS_ASCII: ascii };

  it('reaches a URL and query template as the literal value, percent-encoded', async () => {
    const { url, requests } = await listen();
    const { sms } = sender(
      {
        type: 'http',
        method: 'GET',
        url: `${url}/send/\${SMS_TOKEN}?key=\${SMS_TOKEN}&to={mobile}`,
        query: { token: '${SMS_TOKEN}', text: '$ctx.msg' },
      },
      { env },
    );
    await sms.send({ to, body: 'Code 123456' });
    const [request] = requests;
    expect(decodeURIComponent(request!.path)).toBe(`/send/${token}`);
    expect([...request!.query]).toEqual([
      ['key', token],
      ['to', to],
      ['token', token],
      ['text', 'Code 123456'],
    ]);
  });

  it('reaches a form body as the literal value, in a body template and as a field', async () => {
    const { url, requests } = await listen();
    await sender({ type: 'http', url, payload: 'key=${SMS_TOKEN}&to=$ctx.num&text=$ctx.msg' }, { env }).sms.send({ to, body: 'Code 123456' });
    await sender({ type: 'http', url, payload: { key: '${SMS_TOKEN}', text: 'OTP {challenge}' } }, { env }).sms.send({ to, body: 'Code 123456' });
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toEqual({ key: token, to, text: 'Code 123456' });
    expect(Object.fromEntries(new URLSearchParams(requests[1]!.body))).toEqual({ key: token, text: 'OTP Code 123456' });
  });

  it('reaches a JSON body as the literal value, quoted or bare, in a body template and as a field', async () => {
    const { url, requests } = await listen();
    const json = { type: 'http', url, contentType: 'json' } as const;
    await sender({ ...json, payload: '{"key":"${SMS_TOKEN}","bare":${SMS_TOKEN},"text":"$ctx.msg"}' }, { env }).sms.send({ to, body: 'Code 123456' });
    await sender({ ...json, payload: { key: '${SMS_TOKEN}', to: ['$ctx.num'] } }, { env }).sms.send({ to, body: 'Code 123456' });
    expect(JSON.parse(requests[0]!.body)).toEqual({ key: token, bare: token, text: 'Code 123456' });
    expect(JSON.parse(requests[1]!.body)).toEqual({ key: token, to: [to] });
  });

  it('reaches headers and Basic auth as written, and a URL that starts with one as the address', async () => {
    const { url, requests } = await listen();
    const { sms } = sender(
      {
        type: 'http',
        url: '${SMS_URL}/send?to={mobile}',
        headers: { 'X-Token': 'T ${SMS_ASCII}' },
        basicAuth: { username: 'u', password: '${SMS_TOKEN}' },
      },
      { env: { ...env, SMS_URL: url } },
    );
    await sms.send({ to, body: 'x' });
    const [request] = requests;
    expect(request!.path).toBe('/send');
    expect(request!.query.get('to')).toBe(to);
    expect(request!.headers['x-token']).toBe(`T ${ascii}`);
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`u:${token}`).toString('base64')}`);
  });

  it('reaches a preset as the literal credential', async () => {
    const { url, requests } = await listen({ status: 200, json: { messages: [{ status: '0' }] } });
    const { sms } = sender({ type: 'vonage', apiKey: 'k', apiSecret: '${SMS_TOKEN}', from: '{mobile}', baseUrl: url }, { env });
    await sms.send({ to, body: 'Code 123456' });
    expect(Object.fromEntries(new URLSearchParams(requests[0]!.body))).toMatchObject({
      api_key: 'k',
      api_secret: token,
      from: '{mobile}',
      to: '12015550123',
    });
  });
});

describe('generic HTTP provider: answers', () => {
  it.each([200, 201, 202])('accepts HTTP %i by default', async (status) => {
    const { url } = await listen({ status });
    const { sms } = sender({ type: 'http', url });
    await expect(sms.send({ to, body: 'x' })).resolves.toBeUndefined();
  });

  it.each([400, 401, 404, 429, 500, 503])('turns HTTP %i into delivery_failed', async (status) => {
    const { url } = await listen({ status });
    const { sms } = sender({ type: 'http', url });
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
  });

  it('uses the configured success codes instead of the defaults', async () => {
    const { url } = await listen({ status: 202 });
    const strict = sender({ type: 'http', url, successCodes: [200] }).sms;
    expect((await failure(strict.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    const lenient = sender({ type: 'http', url, successCodes: [202, 204] }).sms;
    await expect(lenient.send({ to, body: 'x' })).resolves.toBeUndefined();
  });

  it('applies a success check to the JSON answer', async () => {
    const { url } = await listen({ status: 200, json: { result: { ok: 'no' } } });
    const { sms, logs } = sender({ type: 'http', url, successCheck: { path: 'result.ok', equals: 'yes' } });
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    expect(logs.lines().at(-1)).toMatchObject({ reason: 'rejected', found: 'no' });
  });

  it('applies an absent check: a value where none should be fails, a missing, null or empty one passes', async () => {
    const check = { path: 'refused', absent: true } as const;
    const refused = await listen({ status: 200, json: { refused: ['+12015550123'] } });
    const failing = sender({ type: 'http', url: refused.url, successCheck: check });
    expect((await failure(failing.sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    expect(failing.logs.lines().at(-1)).toMatchObject({ reason: 'rejected' });
    expect(failing.logs.lines().at(-1)).not.toHaveProperty('found');
    for (const json of [{}, { refused: null }, { refused: [] }]) {
      await gateway?.close();
      const ok = await listen({ status: 200, json });
      await expect(sender({ type: 'http', url: ok.url, successCheck: check }).sms.send({ to, body: 'x' })).resolves.toBeUndefined();
    }
  });

  it('fails a success check when the answer is not JSON', async () => {
    const fakeFetch: typeof fetch = async () => new Response('OK', { status: 200 });
    const logs = realLogs();
    const sms = createSmsSender(
      smsProviderConfig.parse({ type: 'http', url: 'https://sms.example/send', successCheck: { path: 'ok', equals: true } }),
      { logger: logs.logger, env: {}, fetch: fakeFetch },
    );
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
  });

  it('times out on a provider that never answers', async () => {
    const { url } = await listen('hang');
    const { sms, logs } = sender({ type: 'http', url, timeoutMs: 200 });
    const started = Date.now();
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs.lines().at(-1)).toMatchObject({ provider: 'http', reason: 'timeout' });
  });

  it('times out on a provider that stops half-way through its answer, even when garbage is collected meanwhile', async () => {
    const { url } = await listen('hang-after-headers');
    const { sms, logs } = sender({ type: 'http', url, timeoutMs: 200, successCheck: { path: 'messages.*.status', equals: '0' } });
    // A collection during the read once took fetch's link to the timeout with it, and the send hung.
    const collecting = setInterval(collectGarbage, 20);
    const started = Date.now();
    try {
      expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    } finally {
      clearInterval(collecting);
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs.lines().at(-1)).toMatchObject({ reason: 'timeout' });
  });

  it('cuts off an answer longer than any verdict needs, and then cannot read a verdict in it', async () => {
    const long = { messages: [{ status: '0', padding: 'x'.repeat(MAX_ANSWER_BYTES) }] };
    const { url } = await listen({ status: 200, json: long });
    const { sms, logs } = sender({ type: 'http', url, successCheck: { path: 'messages.*.status', equals: '0' } });
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    expect(logs.lines().at(-1)).toMatchObject({ status: 200, reason: 'rejected', oversized: true });
  });

  it('accepts a long answer by its status when no verdict is configured', async () => {
    const { url } = await listen({ status: 200, json: { padding: 'x'.repeat(MAX_ANSWER_BYTES) } });
    const { sms } = sender({ type: 'http', url });
    await expect(sms.send({ to, body: 'x' })).resolves.toBeUndefined();
  });

  it('reports a refused connection as delivery_failed', async () => {
    const port = await closedPort();
    const { sms, logs } = sender({ type: 'http', url: `http://127.0.0.1:${port}/send` });
    expect((await failure(sms.send({ to, body: 'x' }))).code).toBe('delivery_failed');
    expect(logs.lines().at(-1)).toMatchObject({ reason: 'network', errno: 'ECONNREFUSED' });
    expect(logs.text()).not.toContain('[redacted]');
  });
});

describe('generic HTTP provider: logs', () => {
  it('logs failures at warn with provider, masked number and status, without the body or full number', async () => {
    const { url } = await listen({ status: 500, json: { error: `could not send "${tricky}" to ${to}` } });
    const { sms, logs } = sender(
      {
        type: 'http',
        name: 'acme-sms',
        url: `${url}/send?to={mobile}&text={challenge}&key=\${KEY}`,
        method: 'GET',
      },
      { env: { KEY: 'api-key-value' } },
    );
    await failure(sms.send({ to, body: tricky }));
    const warnings = logs.lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ provider: 'acme-sms', status: 500, to: '+1…0123' });
    const text = logs.text();
    for (const secret of ['2015550123', '123456', 'café', 'api-key-value', 'could not send']) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs nothing of the message or number on success either', async () => {
    const { url } = await listen();
    const { sms, logs } = sender({ type: 'http', url });
    await sms.send({ to, body: tricky });
    expect(logs.text()).not.toContain('2015550123');
    expect(logs.text()).not.toContain('123456');
  });
});

describe('configuration', () => {
  it('resolves ${ENV} in credentials when the sender is created', async () => {
    const { url, requests } = await listen({ status: 201 });
    const { sms } = sender(
      { type: 'twilio', accountSid: '${TWILIO_SID}', authToken: '${TWILIO_TOKEN}', from: '${TWILIO_FROM}', baseUrl: url },
      { env: { TWILIO_SID: 'AC9', TWILIO_TOKEN: 'tok', TWILIO_FROM: '+15005550006' } },
    );
    await sms.send({ to, body: 'x' });
    expect(requests[0]?.path).toBe('/2010-04-01/Accounts/AC9/Messages.json');
    expect(requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('AC9:tok').toString('base64')}`);
    expect(new URLSearchParams(requests[0]?.body).get('From')).toBe('+15005550006');
  });

  it('refuses to start when a referenced variable is missing, naming it', () => {
    expect(() =>
      createSmsSender(smsProviderConfig.parse({ type: 'plivo', authId: 'MA1', authToken: '${PLIVO_AUTH_TOKEN}', from: '1' }), {
        logger: realLogs().logger,
        env: {},
      }),
    ).toThrow(new ConfigError('Environment variable PLIVO_AUTH_TOKEN is referenced in the configuration but not set.'));
  });

  it('refuses to start with a URL that is not http(s)', () => {
    expect(() => sender({ type: 'http', url: 'ftp://sms.example/send' })).toThrow(ConfigError);
    expect(() => sender({ type: 'http', url: 'not a url {mobile}' })).toThrow(ConfigError);
  });

  it('rejects a GET with a body payload', () => {
    const parsed = smsProviderConfig.safeParse({ type: 'http', url: 'https://sms.example', method: 'GET', payload: 'x' });
    expect(parsed.success).toBe(false);
  });

  it('fills the documented defaults', () => {
    expect(smsProviderConfig.parse({ type: 'http', url: 'https://sms.example' })).toEqual({
      type: 'http',
      name: 'http',
      url: 'https://sms.example',
      method: 'POST',
      headers: {},
      contentType: 'form',
      query: {},
      successCodes: [200, 201, 202],
      timeoutMs: 5000,
    });
  });
});

describe('development outbox', () => {
  it('records an SMS once the provider accepted it', async () => {
    const { url } = await listen({ status: 201 });
    const outbox = new Outbox();
    const { sms } = sender({ type: 'http', url }, { outbox });
    await sms.send({ to, body: 'Your code is 123456' });
    expect(outbox.list(to)).toEqual([{ channel: 'sms', to, body: 'Your code is 123456', sentAt: expect.any(String) }]);
  });

  it('records nothing when the provider refused', async () => {
    const { url } = await listen({ status: 500 });
    const outbox = new Outbox();
    const { sms } = sender({ type: 'http', url }, { outbox });
    await failure(sms.send({ to, body: 'x' }));
    expect(outbox.list()).toEqual([]);
  });

  it('keeps console-provider messages in the outbox and logs only a masked number and the length', async () => {
    const outbox = new Outbox();
    const logs = realLogs();
    const sms = createSmsSender(
      { type: 'console' },
      {
        logger: logs.logger,
        outbox,
        now: () => new Date('2026-11-22T10:00:00Z'),
      },
    );
    expect(sms.name).toBe('console');
    await sms.send({ to, body: 'Your code is 123456' });
    expect(outbox.list()).toEqual([{ channel: 'sms', to, body: 'Your code is 123456', sentAt: '2026-11-22T10:00:00.000Z' }]);
    expect(logs.lines().at(-1)).toMatchObject({ provider: 'console', to: '+1…0123', length: 19 });
    expect(logs.text()).not.toContain('123456');
  });
});
