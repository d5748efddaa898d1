import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { signInForSettings, signInWithTotp } from './signed-in.js';
import { stepUp, type SettingsSession } from '../../support/step-up.js';

describe('self-service: setting up a new authenticator app', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  async function enrol(me: SettingsSession) {
    const res = await me.post('/api/v1/me/totp/enroll', {});
    expect(res.status).toBe(200);
    return res.body.enrollment as { secret: string; otpauthUri: string; qrDataUrl: string; qrSvg: string };
  }

  it('shows a new secret as a QR code and a Key Uri Format URI, the same one until confirmed', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const enrollment = await enrol(me);
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.secret).not.toBe(old);
    expect(enrollment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrollment.qrSvg).toMatch(/^<svg/);
    const uri = new URL(enrollment.otpauthUri);
    expect(decodeURIComponent(uri.pathname)).toBe('/mfa-login:alice');
    expect(uri.searchParams.get('secret')).toBe(enrollment.secret);
    expect((await enrol(me)).secret).toBe(enrollment.secret);
  });

  it('replaces the credential: the old app stops working in a login, the new one works', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const confirmed = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.factors.totp).toEqual({ enrolled: true });

    const withOld = await signInWithTotp(server, old);
    expect(withOld.status).toBe(401);
    expect(withOld.body.error).toBe('invalid_code');
    const withNew = await signInWithTotp(server, secret);
    expect(withNew.body.status).toBe('complete');
  });

  it('keeps the old app until the new one is confirmed', async () => {
    const { me, secret: old } = await signInForSettings(server);
    await enrol(me);
    expect((await signInWithTotp(server, old)).body.status).toBe('complete');
  });

  it('does not accept the confirming code again in a login in the same time step', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    server.advance(30);
    const code = await totpAt(secret, server.services.now());
    expect((await me.post('/api/v1/me/totp/verify', { code })).status).toBe(200);
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/totp/verify', { flow, code })).body.error).toBe('invalid_code');
  });

  it('asks to start the set-up before a code', async () => {
    const { me } = await signInForSettings(server);
    const res = await me.post('/api/v1/me/totp/verify', { code: '123456' });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('enrollment_required');
  });

  it('allows totp.maxAttempts wrong codes, then refuses even the right one until a new step-up', async () => {
    const { me, secret: old } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await me.post('/api/v1/me/totp/verify', { code: '000000' })).body);
    expect(answers.slice(0, 4).map((a) => a.attemptsRemaining)).toEqual([4, 3, 2, 1]);
    expect(answers.slice(0, 4).every((a) => a.error === 'invalid_code')).toBe(true);
    expect(answers[4]).toMatchObject({ error: 'too_many_attempts', stepUp: true });
    const right = await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(right.status).toBe(429);
    expect((await signInWithTotp(server, old)).body.status).toBe('complete');
  });

  it('keeps a pending secret to the settings grant that asked for it', async () => {
    const first = await signInForSettings(server);
    const { secret } = await enrol(first.me);
    const other = await stepUp(server, first.idToken, first.secret);
    const res = await other.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    expect(res.body.error).toBe('enrollment_required');
    expect((await enrol(other)).secret).not.toBe(secret);
  });

  it('confirms a code only once when two requests race', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    const code = await totpAt(secret, server.services.now());
    const results = await Promise.all([1, 2].map(() => me.post('/api/v1/me/totp/verify', { code })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('stores the new seed sealed, not as the secret itself', async () => {
    const { me } = await signInForSettings(server);
    const { secret } = await enrol(me);
    await me.post('/api/v1/me/totp/verify', { code: await totpAt(secret, server.services.now()) });
    const user = await server.services.store.findUserByUsername('alice');
    const credential = await server.services.store.getTotp(user!.id);
    expect(credential!.sealedSecret).toMatch(/^v1\./);
    expect(credential!.sealedSecret).not.toContain(secret);
  });
});
