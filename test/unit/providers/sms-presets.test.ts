import { afterEach, describe, expect, it } from 'vitest';
import { MfaError } from '../../../server/errors.js';
import { smsProviderConfig, type SmsProviderConfigInput } from '../../../server/providers/sms/config.js';
import { createSmsSender } from '../../../server/providers/sms/index.js';
import { startGateway, type Gateway, type GatewayReply } from '../../support/gateway.js';
import { captureLogs } from '../../support/logs.js';

const message = { to: '+12015550123', body: 'Your code is 123456' };
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

let gateway: Gateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function sendVia(config: (baseUrl: string) => SmsProviderConfigInput, reply: GatewayReply, sent = message) {
  gateway = await startGateway(() => reply);
  const logs = captureLogs();
  const sender = createSmsSender(smsProviderConfig.parse(config(gateway.url)), { logger: logs.logger, env: {} });
  const result = await sender.send(sent).then(
    () => 'sent' as const,
    (error: unknown) => error,
  );
  const [request] = gateway.requests;
  if (!request) throw new Error('the provider received nothing');
  return { result, request, logs, sender };
}

describe('Twilio preset', () => {
  const twilio = (baseUrl: string): SmsProviderConfigInput => ({
    type: 'twilio',
    accountSid: 'AC0123456789abcdef',
    authToken: 'tw-token',
    from: '+15005550006',
    baseUrl,
  });

  it('sends Twilio a form POST with To, From and Body and Basic auth', async () => {
    const { result, request, sender } = await sendVia(twilio, { status: 201, json: { sid: 'SM1', status: 'queued' } });
    expect(result).toBe('sent');
    expect(sender.name).toBe('twilio');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/2010-04-01/Accounts/AC0123456789abcdef/Messages.json');
    expect(request.headers.authorization).toBe(basic('AC0123456789abcdef', 'tw-token'));
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.body).toBe('To=%2B12015550123&From=%2B15005550006&Body=Your+code+is+123456');
  });

  it('sends MessagingServiceSid instead of From when a messaging service is configured', async () => {
    const { request } = await sendVia((baseUrl) => ({ type: 'twilio', accountSid: 'AC1', authToken: 't', messagingServiceSid: 'MG42', baseUrl }), {
      status: 201,
    });
    expect(request.body).toBe('To=%2B12015550123&MessagingServiceSid=MG42&Body=Your+code+is+123456');
  });

  it('needs exactly one of from and messagingServiceSid', () => {
    const base = { type: 'twilio', accountSid: 'AC1', authToken: 't' } as const;
    expect(smsProviderConfig.safeParse(base).success).toBe(false);
    expect(smsProviderConfig.safeParse({ ...base, from: '+1', messagingServiceSid: 'MG1' }).success).toBe(false);
  });

  it('reports a Twilio 400 as delivery_failed', async () => {
    const { result } = await sendVia(twilio, { status: 400, json: { code: 21211, message: 'Invalid To' } });
    expect(result).toBeInstanceOf(MfaError);
    expect((result as MfaError).code).toBe('delivery_failed');
  });
});

describe('Vonage preset', () => {
  const vonage = (baseUrl: string): SmsProviderConfigInput => ({
    type: 'vonage',
    apiKey: 'vk',
    apiSecret: 'vs',
    from: 'Acme',
    baseUrl,
  });

  it('sends Vonage a form POST to /sms/json with api_key, api_secret, from, to without + and text', async () => {
    const { result, request } = await sendVia(vonage, {
      status: 200,
      json: { 'message-count': '1', messages: [{ to: '12015550123', status: '0', 'message-id': 'x' }] },
    });
    expect(result).toBe('sent');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/sms/json');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toBe('api_key=vk&api_secret=vs&from=Acme&to=12015550123&text=Your+code+is+123456');
  });

  const accepted: GatewayReply = { status: 200, json: { 'message-count': '1', messages: [{ status: '0' }] } };

  it('sends GSM-7 text as plain text, with no type: every basic-set character, accents included', async () => {
    const body = 'Code 123456 für Äsa: é ù ì ò Ç Ø å Δ Φ Γ Λ Ω ß ¿ ¡ § £ ¥ @ _ ! " # % & ( ) * + / = ? ñ à';
    const { result, request } = await sendVia(vonage, accepted, { to: message.to, body });
    expect(result).toBe('sent');
    const fields = new URLSearchParams(request.body);
    expect(fields.get('text')).toBe(body);
    expect(fields.has('type')).toBe(false);
  });

  it('adds type=unicode when the text has a character outside the GSM 03.38 basic set', async () => {
    const { result, request } = await sendVia(vonage, accepted, { to: message.to, body: 'Ваш код 123456' });
    expect(result).toBe('sent');
    expect(request.body).toBe(
      `api_key=vk&api_secret=vs&from=Acme&to=12015550123&text=${new URLSearchParams({ t: 'Ваш код 123456' }).toString().slice(2)}&type=unicode`,
    );
    expect(new URLSearchParams(request.body).get('text')).toBe('Ваш код 123456');
  });

  it.each(['€ 123456', 'code: {123456}', '123456 ✓', '123456 😀'])('sends %j as unicode (extension table and beyond)', async (body) => {
    const { request } = await sendVia(vonage, accepted, { to: message.to, body });
    expect(new URLSearchParams(request.body).get('type')).toBe('unicode');
  });

  it('treats HTTP 200 with a non-zero message status as delivery_failed, logging only the status', async () => {
    const { result, logs } = await sendVia(vonage, {
      status: 200,
      json: { 'message-count': '1', messages: [{ status: '4', 'error-text': 'Bad Credentials for +12015550123' }] },
    });
    expect((result as MfaError).code).toBe('delivery_failed');
    const [line] = logs.lines().filter((l) => l.level === 40);
    expect(line).toMatchObject({ provider: 'vonage', status: 200, reason: 'rejected', found: '4', to: '+1…0123' });
    expect(logs.text()).not.toContain('12015550123');
    expect(logs.text()).not.toContain('Bad Credentials');
  });

  it('fails when any part of a long message was refused', async () => {
    const { result } = await sendVia(vonage, { status: 200, json: { messages: [{ status: '0' }, { status: '9' }] } });
    expect((result as MfaError).code).toBe('delivery_failed');
  });

  it('fails when the answer carries no message status at all', async () => {
    const { result } = await sendVia(vonage, { status: 200, json: { unexpected: true } });
    expect((result as MfaError).code).toBe('delivery_failed');
  });
});

describe('Clickatell preset', () => {
  const clickatell = (baseUrl: string): SmsProviderConfigInput => ({ type: 'clickatell', apiKey: 'ck==', baseUrl });

  it('sends Clickatell a JSON POST to /messages with content and to[] and the API key as Authorization', async () => {
    const { result, request } = await sendVia(clickatell, {
      status: 202,
      json: { messages: [{ apiMessageId: 'a1', accepted: true, to: '12015550123' }] },
    });
    expect(result).toBe('sent');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/messages');
    expect(request.headers.authorization).toBe('ck==');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toBe('{"content":"Your code is 123456","to":["12015550123"]}');
  });

  it('treats a message that was not accepted as delivery_failed', async () => {
    const { result } = await sendVia(clickatell, {
      status: 202,
      json: { messages: [{ accepted: false, to: '12015550123', errorCode: 114 }] },
    });
    expect((result as MfaError).code).toBe('delivery_failed');
  });
});

describe('Clickatell One API through the generic provider (the README example)', () => {
  const oneApi = (url: string): SmsProviderConfigInput => ({
    type: 'http',
    name: 'clickatell-one-api',
    url: `${url}/v1/message`,
    headers: { Authorization: '${CLICKATELL_API_KEY}' },
    contentType: 'json',
    payload: '{"messages": [{"channel": "sms", "to": "$ctx.digits", "content": "$ctx.msg"}]}',
    successCheck: { path: 'messages.*.accepted', equals: true },
  });

  async function sendOneApi(reply: GatewayReply, body = message.body) {
    gateway = await startGateway(() => reply);
    const sender = createSmsSender(smsProviderConfig.parse(oneApi(gateway.url)), {
      logger: captureLogs().logger,
      env: { CLICKATELL_API_KEY: 'one-key' },
    });
    const result = await sender.send({ to: message.to, body }).then(
      () => 'sent' as const,
      (e: unknown) => e,
    );
    return { result, request: gateway.requests[0]! };
  }

  it('posts messages[] with channel, to and content and the API key as Authorization', async () => {
    const { result, request } = await sendOneApi(
      { status: 202, json: { messages: [{ apiMessageId: 'm1', accepted: true, to: '12015550123' }] } },
      'Code "1" ✓',
    );
    expect(result).toBe('sent');
    expect(request.path).toBe('/v1/message');
    expect(request.headers.authorization).toBe('one-key');
    expect(JSON.parse(request.body)).toEqual({ messages: [{ channel: 'sms', to: '12015550123', content: 'Code "1" ✓' }] });
  });

  it('treats a message the One API did not accept as delivery_failed', async () => {
    const { result } = await sendOneApi({ status: 202, json: { messages: [{ accepted: false, to: '12015550123', error: { code: 23 } }] } });
    expect((result as MfaError).code).toBe('delivery_failed');
  });
});

describe('Plivo preset', () => {
  const plivo = (baseUrl: string): SmsProviderConfigInput => ({
    type: 'plivo',
    authId: 'MAXXXXXXXX',
    authToken: 'pt',
    from: '14155550000',
    baseUrl,
  });

  it('sends Plivo a JSON POST to /v1/Account/{auth_id}/Message/ with src, dst and text and Basic auth', async () => {
    const { result, request } = await sendVia(plivo, {
      status: 202,
      json: { message: 'message(s) queued', message_uuid: ['u1'], api_id: 'a1' },
    });
    expect(result).toBe('sent');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/Account/MAXXXXXXXX/Message/');
    expect(request.headers.authorization).toBe(basic('MAXXXXXXXX', 'pt'));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toBe('{"src":"14155550000","dst":"12015550123","text":"Your code is 123456"}');
  });

  it('treats a 202 that lists the number under invalid_number as delivery_failed, never logging the number', async () => {
    const { result, logs } = await sendVia(plivo, {
      status: 202,
      json: { api_id: 'a1', invalid_number: ['12015550123'], message: 'message(s) queued', message_uuid: [] },
    });
    expect((result as MfaError).code).toBe('delivery_failed');
    expect(logs.lines().find((l) => l.level === 40)).toMatchObject({ provider: 'plivo', status: 202, reason: 'rejected' });
    expect(logs.text()).not.toContain('12015550123');
  });

  it('sends when invalid_number is present but empty', async () => {
    const { result } = await sendVia(plivo, { status: 202, json: { api_id: 'a1', invalid_number: [], message_uuid: ['u1'] } });
    expect(result).toBe('sent');
  });

  it('reports a Plivo 401 as delivery_failed', async () => {
    const { result, logs } = await sendVia(plivo, { status: 401, json: { error: 'not authorized' } });
    expect((result as MfaError).code).toBe('delivery_failed');
    expect(logs.lines().find((l) => l.level === 40)).toMatchObject({ provider: 'plivo', status: 401 });
  });
});

describe('BulkSMS preset', () => {
  const bulksms = (baseUrl: string): SmsProviderConfigInput => ({
    type: 'bulksms',
    tokenId: 'tid',
    tokenSecret: 'tsecret',
    from: 'Acme',
    baseUrl,
  });

  it('sends BulkSMS a JSON POST to /v1/messages with to, body and from, Basic auth and auto-unicode', async () => {
    const { result, request } = await sendVia(bulksms, { status: 201, json: [{ id: '1', status: { type: 'ACCEPTED' } }] });
    expect(result).toBe('sent');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/messages');
    expect(request.query.get('auto-unicode')).toBe('true');
    expect(request.headers.authorization).toBe(basic('tid', 'tsecret'));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toBe('{"to":"+12015550123","body":"Your code is 123456","from":"Acme"}');
  });

  it('leaves from out when none is configured', async () => {
    const { request } = await sendVia((baseUrl) => ({ type: 'bulksms', tokenId: 'tid', tokenSecret: 's', baseUrl }), {
      status: 201,
      json: [{ id: '1', status: { type: 'ACCEPTED' } }],
    });
    expect(JSON.parse(request.body)).toEqual({ to: '+12015550123', body: 'Your code is 123456' });
  });

  it.each(['FAILED', 'UNKNOWN', 'SCHEDULED'])('treats a 201 whose message status.type is %s as delivery_failed', async (type) => {
    const { result, logs } = await sendVia(bulksms, {
      status: 201,
      json: [{ id: '1', to: '+12015550123', status: { id: `${type}.BLOCKED`, type, subtype: 'BLOCKED' } }],
    });
    expect((result as MfaError).code).toBe('delivery_failed');
    expect(logs.lines().find((l) => l.level === 40)).toMatchObject({ provider: 'bulksms', status: 201, reason: 'rejected', found: type });
    expect(logs.text()).not.toContain('12015550123');
  });

  it('fails when any message of the submission was not accepted, or none was made', async () => {
    const accepted = { id: '1', status: { type: 'ACCEPTED' } };
    const failed = { id: '2', status: { id: 'FAILED.NOT_SENT', type: 'FAILED', subtype: 'NOT_SENT' } };
    expect((await sendVia(bulksms, { status: 201, json: [accepted, failed] })).result).toMatchObject({ code: 'delivery_failed' });
    await gateway?.close();
    expect((await sendVia(bulksms, { status: 201, json: [] })).result).toMatchObject({ code: 'delivery_failed' });
  });

  it('reports a BulkSMS 403 (no credits) as delivery_failed', async () => {
    const { result } = await sendVia(bulksms, { status: 403, json: { title: 'Insufficient credits' } });
    expect((result as MfaError).code).toBe('delivery_failed');
  });
});

describe('preset defaults', () => {
  it.each([
    [{ type: 'twilio', accountSid: 'AC1', authToken: 't', from: '+1' }, 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json'],
    [{ type: 'vonage', apiKey: 'k', apiSecret: 's', from: 'A' }, 'https://rest.nexmo.com/sms/json'],
    [{ type: 'clickatell', apiKey: 'k' }, 'https://platform.clickatell.com/messages'],
    [{ type: 'plivo', authId: 'MA1', authToken: 't', from: '1' }, 'https://api.plivo.com/v1/Account/MA1/Message/'],
    [{ type: 'bulksms', tokenId: 'i', tokenSecret: 's' }, 'https://api.bulksms.com/v1/messages?auto-unicode=true'],
  ] as const)('sends %o to the documented endpoint %s', async (config, url) => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      const answer = config.type === 'bulksms' ? [{ status: { type: 'ACCEPTED' } }] : { messages: [{ status: '0', accepted: true }] };
      return new Response(JSON.stringify(answer), { status: 200 });
    };
    const sender = createSmsSender(smsProviderConfig.parse(config), {
      logger: captureLogs().logger,
      env: {},
      fetch: fakeFetch,
    });
    await sender.send(message);
    expect(seen).toEqual([url]);
  });
});
