import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../support/gateway.js';
import { passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';
import type { ConfigInput } from '../../../server/config.js';

const PHONE = '+12015550123';
const smsOnly = { clientId: 'app', name: 'App', sequence: [['password'], ['sms']] as ['password' | 'sms'][] };

/** A server texting through a real HTTP listener that plays a JSON SMS gateway. */
async function setup(config: ConfigInput = {}, reply: Parameters<typeof startGateway>[0] = () => ({ status: 202, json: { ok: true } })) {
  const gateway = await startGateway(reply);
  const server = await startCountingServer({
    ...config,
    sms: {
      ...config.sms,
      provider: { type: 'http', url: `${gateway.url}/send`, contentType: 'json', payload: { to: '$ctx.num', text: '$ctx.msg' }, timeoutMs: 300 },
    },
    clients: config.clients ?? [smsOnly],
  });
  return { gateway, server };
}

const sentCodes = (gateway: Gateway) => gateway.requests.map((r) => /(\d{6}) is your/.exec(JSON.parse(r.body).text)?.[1]);

describe('SMS codes in a login', () => {
  let gateway: Gateway;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    await gateway?.close();
  });

  it('offers the masked phone, texts a code through the provider and accepts it once', async () => {
    ({ gateway, server } = await setup());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([{ method: 'sms', enrolled: true, phone: '+1 ••• ••• 0123', sent: false }]);
    const sent = await server.post('/api/v1/flows/sms/send', { flow });
    expect(sent.status).toBe(200);
    const option = sent.body.step.options[0];
    expect(option).toMatchObject({ method: 'sms', sent: true, attemptsRemaining: 3 });
    const inMs = (at: string) => new Date(at).getTime() - server.services.now().getTime();
    expect(inMs(option.codeExpiresAt)).toBeGreaterThan(290_000);
    expect(inMs(option.codeExpiresAt)).toBeLessThanOrEqual(300_000);
    expect(inMs(option.resendAfter)).toBeGreaterThan(25_000);
    expect(inMs(option.resendAfter)).toBeLessThanOrEqual(30_000);

    const request = gateway.requests[0]!;
    expect(request.method).toBe('POST');
    const body = JSON.parse(request.body);
    expect(body.to).toBe(PHONE);
    expect(body.text).toMatch(/^\d{6} is your mfa-login code\. It expires in 5 minutes\.\n\n@127\.0\.0\.1 #\d{6}$/);
    const code = sentCodes(gateway)[0]!;

    const done = await server.post('/api/v1/flows/sms/verify', { flow, code });
    expect(done.body.status).toBe('complete');
    const { payload } = decode(done.body.result.idToken);
    expect(payload.amr).toEqual(['pwd', 'sms', 'mfa']);
  });

  it('binds the WebOTP line to the page origin that asked for the code', async () => {
    ({ gateway, server } = await setup({ clients: [{ ...smsOnly, allowedOrigins: ['https://shop.example'] }] }));
    const origin = { origin: 'https://shop.example' };
    const started = await server.post('/api/v1/flows', { clientId: 'app' }, origin);
    const flow = started.body.flow;
    await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, origin);
    await server.post('/api/v1/flows/sms/send', { flow }, origin);
    expect(JSON.parse(gateway.requests[0]!.body).text).toMatch(/\n\n@shop\.example #\d{6}$/);
  });

  it('kills the code after three wrong tries', async () => {
    ({ gateway, server } = await setup());
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    const code = sentCodes(gateway)[0]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await server.post('/api/v1/flows/sms/verify', { flow, code: wrong }));
    expect(answers.map((a) => a.body.error)).toEqual(['invalid_code', 'invalid_code', 'too_many_attempts']);
    expect(answers[0]!.body.message).toBe('That code is not right. 2 attempts left.');
    expect(answers[1]!.body.attemptsRemaining).toBe(1);
    expect((await server.post('/api/v1/flows/sms/verify', { flow, code })).body.error).toBe('too_many_attempts');
  });

  it('refuses an expired code', async () => {
    ({ gateway, server } = await setup());
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    server.advance(301);
    const res = await server.post('/api/v1/flows/sms/verify', { flow, code: sentCodes(gateway)[0] });
    expect(res.status).toBe(410);
    expect(res.body.error).toBe('code_expired');
  });

  it('throttles resends and lets a resend invalidate the previous code', async () => {
    ({ gateway, server } = await setup());
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    const early = await server.post('/api/v1/flows/sms/send', { flow });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('rate_limited');
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(gateway.requests).toHaveLength(1);

    server.advance(31);
    await server.post('/api/v1/flows/sms/send', { flow });
    const [first, second] = sentCodes(gateway);
    if (first !== second) expect((await server.post('/api/v1/flows/sms/verify', { flow, code: first })).body.error).toBe('invalid_code');
    expect((await server.post('/api/v1/flows/sms/verify', { flow, code: second })).body.status).toBe('complete');
  });

  it('waits between texts to one number across flows: a new flow does not skip the wait', async () => {
    ({ gateway, server } = await setup());
    const a = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/sms/send', { flow: a.flow })).status).toBe(200);
    const b = await passwordStep(server, 'app');
    const early = await server.post('/api/v1/flows/sms/send', { flow: b.flow });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('rate_limited');
    const retryAfter = Number(early.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(early.body.retryAfter).toBe(retryAfter);
    expect(gateway.requests).toHaveLength(1);
    // Closer than half the wait is refused wherever the fixed windows fall.
    server.advance(14);
    expect((await server.post('/api/v1/flows/sms/send', { flow: b.flow })).status).toBe(429);
    server.advance(16);
    expect((await server.post('/api/v1/flows/sms/send', { flow: b.flow })).status).toBe(200);
    expect(gateway.requests).toHaveLength(2);
  });

  it('lets only one of parallel sends to one number from several flows through', async () => {
    ({ gateway, server } = await setup());
    const flows = await Promise.all(Array.from({ length: 4 }, () => passwordStep(server, 'app')));
    const sends = await Promise.all(flows.map(({ flow }) => server.post('/api/v1/flows/sms/send', { flow })));
    expect(sends.map((r) => r.status).sort()).toEqual([200, 429, 429, 429]);
    expect(gateway.requests).toHaveLength(1);
  });

  it('gives the wait back once the code came back, so signing in again needs no waiting', async () => {
    ({ gateway, server } = await setup());
    const a = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow: a.flow });
    expect((await server.post('/api/v1/flows/sms/verify', { flow: a.flow, code: sentCodes(gateway)[0] })).body.status).toBe('complete');
    const b = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/sms/send', { flow: b.flow })).status).toBe(200);
  });

  it('keys the per-number counters by a keyed hash: the store holds no phone number', async () => {
    ({ gateway, server } = await setup());
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    const db = new Database(path.join(server.dir, 'test.db'), { readonly: true });
    const keys = db.prepare('SELECT key FROM counters').all() as { key: string }[];
    db.close();
    expect(keys.some((k) => k.key.startsWith('sms:resend:'))).toBe(true);
    expect(keys.some((k) => k.key.startsWith('sms:phone:'))).toBe(true);
    expect(JSON.stringify(keys)).not.toContain('2015550123');
  });

  it('caps texts per phone number per hour across flows (SMS pumping guard)', async () => {
    ({ gateway, server } = await setup({ sms: { resendAfterSeconds: 0, caps: { perPhonePerHour: 2 } } }));
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const { flow } = await passwordStep(server, 'app');
      statuses.push((await server.post('/api/v1/flows/sms/send', { flow })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(gateway.requests).toHaveLength(2);
  });

  it('caps texts per client address per hour', async () => {
    ({ gateway, server } = await setup({ sms: { resendAfterSeconds: 0, caps: { perIpPerHour: 1 } } }));
    const { flow } = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(200);
    const again = await server.post('/api/v1/flows/sms/send', { flow });
    expect(again.status).toBe(429);
    expect(again.body.message).toMatch(/Too many codes/);
  });

  it('caps texts per client per hour', async () => {
    ({ gateway, server } = await setup({ sms: { resendAfterSeconds: 0, caps: { perClientPerHour: 1 } } }));
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(429);
  });

  it('does not offer SMS to a country outside the allow-list', async () => {
    ({ gateway, server } = await setup({ sms: { allowedCallingCodes: ['44'] } }));
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([]);
    const res = await server.post('/api/v1/flows/sms/send', { flow });
    expect(res.body.error).toBe('method_not_allowed');
    expect(gateway.requests).toHaveLength(0);
  });

  it('leaves other options of the step when SMS is disabled for the user', async () => {
    ({ gateway, server } = await setup({ clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['sms', 'totp']] }] }));
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { smsDisabled: true }, new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options.map((o: { method: string }) => o.method)).toEqual(['totp']);
    expect((await server.post('/api/v1/flows/sms/send', { flow })).body.error).toBe('method_not_allowed');
  });

  it('answers delivery_failed when the provider refuses, without using up attempts', async () => {
    let fail = true;
    ({ gateway, server } = await setup({}, () => (fail ? { status: 500, json: { error: 'down' } } : { status: 200, json: {} })));
    const { flow } = await passwordStep(server, 'app');
    const res = await server.post('/api/v1/flows/sms/send', { flow });
    expect(res.status).toBe(502);
    expect(res.body.error).toBe('delivery_failed');
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.step.options[0]).toMatchObject({ sent: false });
    fail = false;
    const retry = await server.post('/api/v1/flows/sms/send', { flow });
    expect(retry.status).toBe(200);
    expect(retry.body.step.options[0].attemptsRemaining).toBe(3);
  });

  it('gives the hourly caps back when the provider fails, so an outage does not lock the number', async () => {
    let fail = true;
    ({ gateway, server } = await setup({ sms: { resendAfterSeconds: 0, caps: { perPhonePerHour: 1, perIpPerHour: 1, perClientPerHour: 1 } } }, () =>
      fail ? { status: 500, json: { error: 'down' } } : { status: 202, json: {} },
    ));
    const { flow } = await passwordStep(server, 'app');
    for (let i = 0; i < 3; i++) expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(502);
    fail = false;
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(200);
    // The one text that went out is counted: the caps of 1 refuse the next.
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(429);
    expect(gateway.requests).toHaveLength(4);
  });

  it('keeps the code already sent and its attempts when a resend fails', async () => {
    let fail = false;
    ({ gateway, server } = await setup({}, () => (fail ? { status: 500, json: { error: 'down' } } : { status: 202, json: {} })));
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    const code = sentCodes(gateway)[0]!;
    const wrong = await server.post('/api/v1/flows/sms/verify', { flow, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.body.attemptsRemaining).toBe(2);
    server.advance(31);
    fail = true;
    const resend = await server.post('/api/v1/flows/sms/send', { flow });
    expect(resend.status).toBe(502);
    expect(resend.body.error).toBe('delivery_failed');
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.step.options[0]).toMatchObject({ sent: true, attemptsRemaining: 2 });
    expect((await server.post('/api/v1/flows/sms/verify', { flow, code })).body.status).toBe('complete');
  });

  it('answers delivery_failed when the provider does not answer in time', async () => {
    ({ gateway, server } = await setup({}, () => 'hang'));
    const { flow } = await passwordStep(server, 'app');
    const res = await server.post('/api/v1/flows/sms/send', { flow });
    expect(res.status).toBe(502);
    expect(server.logs()).not.toContain(PHONE);
  });

  it('says a user without a phone must register one, and registers it with a code when the client allows', async () => {
    ({ gateway, server } = await setup({ clients: [{ ...smsOnly, allowPhoneEnrollment: true }] }));
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { phone: null }, new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([{ method: 'sms', enrolled: false, canEnroll: true }]);
    expect((await server.post('/api/v1/flows/sms/send', { flow })).body.error).toBe('enrollment_required');
    expect((await server.post('/api/v1/flows/sms/enroll', { flow, phone: 'not a phone' })).body.error).toBe('invalid_request');

    const enrol = await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+44 7911 123456' });
    expect(enrol.status).toBe(200);
    expect(JSON.parse(gateway.requests[0]!.body).to).toBe('+447911123456');
    const done = await server.post('/api/v1/flows/sms/verify', { flow, code: sentCodes(gateway)[0] });
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
    expect((await server.services.store.getUser(alice!.id))!.phone).toBe('+447911123456');
  });

  it('does not let a client without phone registration register one', async () => {
    ({ gateway, server } = await setup());
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { phone: null }, new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([]);
    expect((await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+12015550199' })).body.error).toBe('method_not_allowed');
  });

  it('registers a phone in a login only on first use, never for a user who has backup codes', async () => {
    ({ gateway, server } = await setup({ clients: [{ ...smsOnly, allowPhoneEnrollment: true }] }));
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { phone: null }, new Date());
    await server.services.store.replaceBackupCodes(alice!.id, ['h1'], new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([]);
    expect((await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+12015550199' })).body.error).toBe('method_not_allowed');
    expect(gateway.requests).toHaveLength(0);
  });

  it('keeps every text in the development outbox, newest first', async () => {
    ({ gateway, server } = await setup({ sms: { resendAfterSeconds: 0 } }));
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/sms/send', { flow });
    await server.post('/api/v1/flows/sms/send', { flow });
    const outbox = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(PHONE)}`);
    expect(outbox.body.messages).toHaveLength(2);
    expect(outbox.body.messages[0]).toMatchObject({ channel: 'sms', to: PHONE });
    expect(outbox.body.messages[0].body).toContain(sentCodes(gateway)[1]);
  });
});

function decode(jwt: string) {
  return { payload: JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) };
}
