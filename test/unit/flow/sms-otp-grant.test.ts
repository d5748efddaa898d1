import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

const SECRET = 'grant-client-secret-0123456789';
const GRANT = 'urn:mfa-login:grant-type:sms-otp';
const PHONE = '+12015550177';

describe('POST /oauth2/token with the SMS OTP grant', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({ clients: [{ clientId: 'backend', name: 'Backend', clientSecret: SECRET }] });
  });
  afterEach(() => server.stop());

  async function token(fields: Record<string, string>, auth: 'basic' | 'body' | 'none' = 'basic') {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const form = new URLSearchParams({ grant_type: GRANT, ...fields });
    if (auth === 'basic') headers.authorization = `Basic ${Buffer.from(`backend:${SECRET}`).toString('base64')}`;
    if (auth === 'body') {
      form.set('client_id', 'backend');
      form.set('client_secret', SECRET);
    }
    const res = await fetch(`${server.url}/oauth2/token`, { method: 'POST', headers, body: form.toString() });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  }

  const lastCode = async () => {
    const { body } = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(PHONE)}`);
    return /(\d{6})/.exec(body.messages[0].body)![1]!;
  };

  it('texts a code, answers a reference, and trades both for tokens whose subject is the phone', async () => {
    const sent = await token({ username: '+1 (201) 555-0177', message: 'Your Backend code: {code}' }, 'body');
    expect(sent.status).toBe(200);
    expect(sent.body.challenge.expires_in).toBe(300);
    expect(sent.body.challenge.reference).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
    const { body: outbox } = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(PHONE)}`);
    expect(outbox.messages[0].body).toMatch(/^Your Backend code: \d{6}$/);

    const done = await token({ reference: sent.body.challenge.reference, code: await lastCode() });
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toBe('no-store');
    expect(done.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url));
    const { payload } = await jwtVerify(done.body.id_token, jwks, { issuer: server.services.config.issuer, audience: 'backend' });
    expect(payload).toMatchObject({ sub: PHONE, amr: ['sms'], phone_number_verified: true });
    const access = await jwtVerify(done.body.access_token, jwks, { issuer: server.services.config.issuer, typ: 'at+jwt' });
    expect(access.payload).toMatchObject({ sub: PHONE, client_id: 'backend' });

    const again = await token({ reference: sent.body.challenge.reference, code: await lastCode() });
    expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'OTP Invalid', requestId: expect.any(String) });
  });

  it('answers OTP Invalid, then Too many attempts, for wrong codes', async () => {
    const { body } = await token({ username: PHONE });
    const code = await lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await token({ reference: body.challenge.reference, code: wrong })).body.error_description);
    expect(answers).toEqual(['OTP Invalid', 'OTP Invalid', 'Too many attempts']);
    expect((await token({ reference: body.challenge.reference, code })).body.error_description).toBe('Too many attempts');
  });

  it('waits between texts to one number, as logins do, and answers the wait in Retry-After', async () => {
    expect((await token({ username: PHONE })).status).toBe(200);
    const early = await token({ username: PHONE });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('invalid_request');
    expect(early.body.error_description).toMatch(/^Please wait \d+ s before asking for a new code\.$/);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(early.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect((await token({ username: '+12015550178' })).status).toBe(200);
    server.advance(30);
    expect((await token({ username: PHONE })).status).toBe(200);
  });

  it('keeps its wait apart from logins: a grant text to a user’s number does not hold her sign-in text', async () => {
    const alicePhone = '+12015550123';
    expect((await token({ username: alicePhone })).status).toBe(200);
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(200);
    expect((await token({ username: alicePhone })).status).toBe(429);
  });

  it('holds grant texts by the per-client and verification per-number caps, not the per-address one', async () => {
    await server.stop();
    server = await startCountingServer({
      clients: [{ clientId: 'backend', name: 'Backend', clientSecret: SECRET }],
      sms: { resendAfterSeconds: 0, caps: { perIpPerHour: 1, verifyPerIpPerHour: 1, perClientPerHour: 3, verifyPerPhonePerHour: 1 } },
    });
    // Every grant call comes from the one backend address: it alone holds no text back.
    expect((await token({ username: '+12015550171' })).status).toBe(200);
    expect((await token({ username: '+12015550172' })).status).toBe(200);
    const overPhone = await token({ username: '+12015550171' });
    expect(overPhone.status).toBe(429);
    expect(overPhone.body.error_description).toMatch(/Too many codes/);
    expect((await token({ username: '+12015550173' })).status).toBe(200);
    const overClient = await token({ username: '+12015550174' });
    expect(overClient.status).toBe(429);
    expect(overClient.body.error_description).toMatch(/Too many codes/);
  });

  it('answers OTP Expired after the code expired', async () => {
    const { body } = await token({ username: PHONE });
    server.advance(301);
    const res = await token({ reference: body.challenge.reference, code: await lastCode() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'OTP Expired', requestId: expect.any(String) });
  });

  it('keeps its challenges out of the flow API', async () => {
    const { body } = await token({ username: PHONE });
    const handle = body.challenge.reference.split('.')[0];
    const read = await server.post('/api/v1/flows/introspect', { flow: handle });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain('5550177');
    expect((await server.post('/api/v1/flows/cancel', { flow: handle })).body.error).toBe('flow_not_found');
  });

  it('fills only its own placeholders into a client message', async () => {
    await token({ username: PHONE, message: '{constructor} {toString} {code}' });
    const { body } = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(PHONE)}`);
    expect(body.messages[0].body).toMatch(/^\{constructor\} \{toString\} \d{6}$/);
  });

  it('refuses a forged reference', async () => {
    const res = await token({ reference: `${'A'.repeat(43)}.${'B'.repeat(22)}`, code: '123456' });
    expect(res.body.error_description).toBe('OTP Invalid');
  });

  it('answers invalid_client for a wrong secret or a client without one', async () => {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('backend:wrong').toString('base64')}`,
    };
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers,
      body: `grant_type=${encodeURIComponent(GRANT)}&username=${encodeURIComponent(PHONE)}`,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed.', requestId: expect.any(String) });
    expect((await token({ username: PHONE }, 'none')).body.error).toBe('invalid_client');
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await token({ grant_type: 'password', username: 'alice', password: 'x' });
    expect(res.body.error).toBe('unsupported_grant_type');
  });

  it('answers invalid_request for a bad phone number or a message without {code}', async () => {
    expect((await token({ username: 'call me' })).body.error).toBe('invalid_request');
    expect((await token({ username: PHONE, message: 'no code here' })).body.error).toBe('invalid_request');
  });
});
