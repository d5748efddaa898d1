import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';
import { bearer, signInForSettings, textedCode } from './signed-in.js';
import type { SettingsSession } from '../../support/step-up.js';

const OLD = '+12015550123';
const NEW = '+12015550199';

describe('self-service: changing the phone number', () => {
  let server: TestServer;
  let idToken: string;
  let me: SettingsSession;
  beforeEach(async () => {
    server = await startCountingServer();
    ({ idToken, me } = await signInForSettings(server));
  });
  afterEach(() => server.stop());

  const factors = () => server.get('/api/v1/me', bearer(idToken));

  it('texts a code to the new number, normalised, and changes the phone once it comes back', async () => {
    const sent = await me.post('/api/v1/me/phone', { phone: '(201) 555-0199' });
    // National format needs a default country; the E.164 form does not.
    expect(sent.status).toBe(400);
    const res = await me.post('/api/v1/me/phone', { phone: ' +1 201 555 0199 ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '+1 ••• ••• 0199', sent: true, attemptsRemaining: 3 });
    expect(Date.parse(res.body.codeExpiresAt) - server.services.now().getTime()).toBeGreaterThan(290_000);
    expect(JSON.stringify(res.body)).not.toContain('2015550199');
    expect((await factors()).body.factors.sms.phone).toBe('+1 ••• ••• 0123');

    const code = await textedCode(server, NEW);
    const done = await me.post('/api/v1/me/phone/verify', { code });
    expect(done.status).toBe(200);
    expect(done.body.factors.sms).toEqual({ phone: '+1 ••• ••• 0199', disabled: false });
    const user = await server.services.store.findUserByUsername('alice');
    expect(user!.phone).toBe(NEW);
  });

  it('uses sms.defaultCountry for numbers typed without a country code', async () => {
    await server.stop();
    server = await startCountingServer({ sms: { defaultCountry: 'US' } });
    ({ idToken, me } = await signInForSettings(server));
    expect((await me.post('/api/v1/me/phone', { phone: '(201) 555-0199' })).status).toBe(200);
    expect(await textedCode(server, NEW)).toMatch(/^\d{6}$/);
  });

  it('texts later login codes to the new number', async () => {
    await me.post('/api/v1/me/phone', { phone: NEW });
    await me.post('/api/v1/me/phone/verify', { code: await textedCode(server, NEW) });
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(200);
    const done = await server.post('/api/v1/flows/sms/verify', { flow, code: await textedCode(server, NEW) });
    expect(done.body.status).toBe('complete');
  });

  it('accepts a code once', async () => {
    await me.post('/api/v1/me/phone', { phone: NEW });
    const code = await textedCode(server, NEW);
    expect((await me.post('/api/v1/me/phone/verify', { code })).status).toBe(200);
    const again = await me.post('/api/v1/me/phone/verify', { code });
    expect(again.status).toBe(429);
    expect(again.body.error).toBe('too_many_attempts');
  });

  it('kills the code after sms.maxAttempts wrong ones and keeps the old number', async () => {
    await me.post('/api/v1/me/phone', { phone: NEW });
    const code = await textedCode(server, NEW);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await me.post('/api/v1/me/phone/verify', { code: wrong }));
    expect(answers.map((a) => a.body.error)).toEqual(['invalid_code', 'invalid_code', 'too_many_attempts']);
    expect(answers.slice(0, 2).map((a) => a.body.attemptsRemaining)).toEqual([2, 1]);
    const right = await me.post('/api/v1/me/phone/verify', { code });
    expect(right.body.error).toBe('too_many_attempts');
    expect((await factors()).body.factors.sms.phone).toBe('+1 ••• ••• 0123');
  });

  it('refuses a code after sms.expirySeconds', async () => {
    await server.stop();
    server = await startCountingServer({ sms: { expirySeconds: 60 } });
    ({ idToken, me } = await signInForSettings(server));
    await me.post('/api/v1/me/phone', { phone: NEW });
    const code = await textedCode(server, NEW);
    server.advance(61);
    const late = await me.post('/api/v1/me/phone/verify', { code });
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('code_expired');
  });

  it('asks for a code before a code is checked', async () => {
    const res = await me.post('/api/v1/me/phone/verify', { code: '123456' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('throttles resends and holds codes to a new number by the verification cap per number', async () => {
    await me.post('/api/v1/me/phone', { phone: NEW });
    const soon = await me.post('/api/v1/me/phone', { phone: NEW });
    expect(soon.status).toBe(429);
    expect(soon.body.error).toBe('rate_limited');
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0);

    await server.stop();
    server = await startCountingServer({ sms: { resendAfterSeconds: 0, caps: { verifyPerPhonePerHour: 2 } } });
    ({ idToken, me } = await signInForSettings(server));
    expect((await me.post('/api/v1/me/phone', { phone: NEW })).status).toBe(200);
    expect((await me.post('/api/v1/me/phone', { phone: NEW })).status).toBe(200);
    const capped = await me.post('/api/v1/me/phone', { phone: NEW });
    expect(capped.status).toBe(429);
    expect(capped.body.error).toBe('rate_limited');
  });

  it('refuses numbers that are not valid or in a country the server does not text', async () => {
    for (const phone of ['12', '+1 201 555 01', 'call me', '+12015550199 ext. 4']) {
      const res = await me.post('/api/v1/me/phone', { phone });
      expect(res.status, phone).toBe(400);
      expect(res.body.error, phone).toBe('invalid_request');
    }
    await server.stop();
    server = await startCountingServer({ sms: { allowedCallingCodes: ['44'] } });
    ({ idToken, me } = await signInForSettings(server));
    const res = await me.post('/api/v1/me/phone', { phone: NEW });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('method_not_allowed');
  });

  it('does not text a user whose text messages are turned off', async () => {
    const user = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(user!.id, { smsDisabled: true }, server.services.now());
    const res = await me.post('/api/v1/me/phone', { phone: NEW });
    expect(res.body.error).toBe('method_not_allowed');
    expect((await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(NEW)}`)).body.messages).toEqual([]);
  });

  it('leaves the old number untouched while a change waits for its code', async () => {
    await me.post('/api/v1/me/phone', { phone: NEW });
    const user = await server.services.store.findUserByUsername('alice');
    expect(user!.phone).toBe(OLD);
  });
});
