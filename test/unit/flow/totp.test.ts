import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generate } from 'otplib';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { startCountingServer, type TestServer } from '../../support/server.js';
import { enrolTotp, passwordStep, totpAt } from '../../support/login.js';
import { checkTotp } from '../../../server/methods/totp-core.js';
import { runCli } from '../../../server/cli.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B: the ASCII seeds "12345678901234567890" (SHA1), 32 bytes (SHA256), 64 bytes (SHA512).
  const seeds = {
    sha1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    sha256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
    sha512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
  } as const;
  const vectors: [number, string, keyof typeof seeds][] = [
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1111111111, '67062674', 'sha256'],
    [1111111111, '99943326', 'sha512'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [1234567890, '93441116', 'sha512'],
    [2000000000, '69279037', 'sha1'],
    [2000000000, '90698825', 'sha256'],
    [2000000000, '38618901', 'sha512'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ];

  it.each(vectors)('accepts the Appendix B code at T=%i (%s, %s)', async (t, code, algorithm) => {
    const step = checkTotp({
      secret: seeds[algorithm],
      code,
      params: { algorithm, digits: 8 as const, period: 30 },
      window: 0,
      now: new Date(t * 1000),
      afterTimeStep: null,
    });
    expect(step).toBe(Math.floor(t / 30));
  });

  it('refuses a code at or before the last used time step', async () => {
    const now = new Date(1111111111 * 1000);
    const params = { algorithm: 'sha1' as const, digits: 8 as const, period: 30 };
    const step = Math.floor(1111111111 / 30);
    expect(checkTotp({ secret: seeds.sha1, code: '14050471', params, window: 1, now, afterTimeStep: step - 1 })).toBe(step);
    expect(checkTotp({ secret: seeds.sha1, code: '14050471', params, window: 1, now, afterTimeStep: step })).toBeNull();
  });

  it.each([0, 1, 2, -2])('answers the step of each code inside the window moved by a drift of %i, and none outside it', async (drift) => {
    const params = { algorithm: 'sha256' as const, digits: 8 as const, period: 30 };
    const now = new Date(1234567890 * 1000);
    const step = Math.floor(1234567890 / 30);
    const codeAt = (s: number) => generate({ secret: seeds.sha256, algorithm: 'sha256', digits: 8, epoch: s * 30 });
    for (let offset = -4; offset <= 4; offset++) {
      const at = step + drift + offset;
      const found = checkTotp({ secret: seeds.sha256, code: await codeAt(at), params, window: 2, now, afterTimeStep: null, drift });
      expect(found, `offset ${offset}`).toBe(Math.abs(offset) <= 2 ? at : null);
    }
    // A used step inside the window shuts out itself and the steps before it, not the ones after.
    const used = step + drift;
    expect(checkTotp({ secret: seeds.sha256, code: await codeAt(used), params, window: 2, now, afterTimeStep: used, drift })).toBeNull();
    expect(checkTotp({ secret: seeds.sha256, code: await codeAt(used + 1), params, window: 2, now, afterTimeStep: used, drift })).toBe(used + 1);
  });
});

describe('password → TOTP login', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({ clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp']] }] });
  });
  afterEach(() => server.stop());

  it('enrols an authenticator with a QR code and a Key Uri Format URI', async () => {
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step).toEqual({ number: 2, total: 2, options: [{ method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 }] });
    const res = await server.post('/api/v1/flows/totp/enroll', { flow });
    expect(res.status).toBe(200);
    const { enrollment } = res.body;
    expect(enrollment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrollment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(enrollment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const uri = new URL(enrollment.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/mfa-login:alice');
    expect(uri.searchParams.get('issuer')).toBe('mfa-login');
    expect(uri.searchParams.get('secret')).toBe(enrollment.secret);
  });

  it('shows the same pending enrolment again after a reload', async () => {
    const { flow } = await passwordStep(server, 'app');
    const first = await server.post('/api/v1/flows/totp/enroll', { flow });
    const again = await server.post('/api/v1/flows/introspect', { flow });
    expect(again.body.enrollment.secret).toBe(first.body.enrollment.secret);
    const second = await server.post('/api/v1/flows/totp/enroll', { flow });
    expect(second.body.enrollment.secret).toBe(first.body.enrollment.secret);
  });

  it('completes with an id_token verified against the served JWKS, and backup codes once', async () => {
    const { secret, done } = await enrolTotp(server);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
    for (const c of done.body.backupCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(done.body.result).toMatchObject({ tokenType: 'Bearer', expiresIn: 300 });
    expect(secret).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', server.url));
    const { payload, protectedHeader } = await jwtVerify(done.body.result.idToken, jwks, { issuer: server.services.config.issuer, audience: 'demo' });
    expect(protectedHeader.alg).toBe('ES256');
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ azp: 'demo', nonce: 'test-nonce', acr: 'mfa', preferred_username: 'alice' });
    expect(payload.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(typeof payload.sid).toBe('string');
    expect(payload.auth_time).toBeLessThanOrEqual(payload.iat!);
    expect(payload.exp! - payload.iat!).toBe(300);

    const discovery = await server.get('/.well-known/openid-configuration');
    expect(discovery.body).toMatchObject({
      issuer: server.services.config.issuer,
      jwks_uri: `${server.services.config.issuer}/.well-known/jwks.json`,
    });
    expect(discovery.body.id_token_signing_alg_values_supported).toEqual(['ES256']);
    // Every value a token of this server can carry in `amr`, and none it cannot.
    expect([...discovery.body.amr_values_supported].sort()).toEqual(['device', 'hwk', 'mfa', 'otp', 'pwd', 'sms', 'swk', 'user']);
    expect(discovery.body.amr_values_supported).toEqual(expect.arrayContaining(payload.amr as string[]));
    expect(decodeProtectedHeader(done.body.result.idToken).kid).toBe((await server.get('/.well-known/jwks.json')).body.keys[0].kid);
  });

  it('reads the authenticator once for a verify, and again for the state after a wrong code', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const { flow } = await passwordStep(server, 'app');
    const listTotp = vi.spyOn(server.services.store, 'listTotp');
    const right = await totpAt(secret, server.services.now());
    const wrong = await server.post('/api/v1/flows/totp/verify', { flow, code: right === '000000' ? '111111' : '000000' });
    expect(wrong.body.error).toBe('invalid_code');
    // The option check and the verify share one read; the step's options after the refusal read afresh.
    expect(listTotp).toHaveBeenCalledTimes(2);
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.step.options).toEqual([{ method: 'totp', enrolled: true, canEnroll: false, attemptsRemaining: 4 }]);
    listTotp.mockClear();
    const ok = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(ok.body.status).toBe('complete');
    expect(listTotp).toHaveBeenCalledTimes(1);
  });

  it('asks an enrolled user for a code, not a new enrolment', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([{ method: 'totp', enrolled: true, canEnroll: false, attemptsRemaining: 5 }]);
    const enroll = await server.post('/api/v1/flows/totp/enroll', { flow });
    expect(enroll.status).toBe(409);
    expect(enroll.body.error).toBe('method_not_allowed');
    const ok = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(ok.body.status).toBe('complete');
    expect(ok.body.backupCodes).toBeUndefined();
  });

  it('rejects a TOTP code already used in the same time step', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const code = await totpAt(secret, server.services.now());
    const first = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/totp/verify', { flow: first.flow, code })).body.status).toBe('complete');
    const second = await passwordStep(server, 'app');
    const replay = await server.post('/api/v1/flows/totp/verify', { flow: second.flow, code });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: 'invalid_code', attemptsRemaining: 4 });
  });

  it('accepts only one of two parallel uses of the same code', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const code = await totpAt(secret, server.services.now());
    const a = await passwordStep(server, 'app');
    const b = await passwordStep(server, 'app');
    const results = await Promise.all([a, b].map((x) => server.post('/api/v1/flows/totp/verify', { flow: x.flow, code })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('accepts a code from the previous step (clock drift) but not from two steps away', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(120);
    const now = server.services.now();
    const { flow } = await passwordStep(server, 'app');
    const old = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, new Date(now.getTime() - 60_000)) });
    expect(old.body.error).toBe('invalid_code');
    const drift = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, new Date(now.getTime() - 30_000)) });
    expect(drift.body.status).toBe('complete');
  });

  it('ends the flow after five wrong codes when TOTP was the only way on, even for the right one', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const { flow } = await passwordStep(server, 'app');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await server.post('/api/v1/flows/totp/verify', { flow, code: '000000' })).body);
    expect(answers.slice(0, 4).map((a) => a.attemptsRemaining)).toEqual([4, 3, 2, 1]);
    expect(answers[4].error).toBe('too_many_attempts');
    const right = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(right.body.error).toBe('flow_not_found');
  });

  it('takes TOTP off the step after five wrong codes and leaves the other options', async () => {
    await server.stop();
    server = await startCountingServer({ clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp', 'sms']] }] });
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const { flow } = await passwordStep(server, 'app');
    let last: Awaited<ReturnType<typeof server.post>> | undefined;
    for (let i = 0; i < 5; i++) last = await server.post('/api/v1/flows/totp/verify', { flow, code: '000000' });
    expect(last!.body.error).toBe('too_many_attempts');
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.step.options.map((o: { method: string }) => o.method)).toEqual(['sms']);
    const right = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(right.status).toBe(429);
    expect(right.body.error).toBe('too_many_attempts');
  });

  it('accepts a code typed with a space in the middle', async () => {
    const { secret } = await enrolTotp(server);
    server.advance(30);
    const { flow } = await passwordStep(server, 'app');
    const code = await totpAt(secret, server.services.now());
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(done.body.status).toBe('complete');
  });

  it('enrols again on the next login after an admin reset the authenticator (lost phone)', async () => {
    await enrolTotp(server);
    const config = path.join(server.dir, 'cli.config.json');
    writeFileSync(
      config,
      JSON.stringify({ store: { type: 'sqlite', path: path.join(server.dir, 'test.db') }, keyFile: path.join(server.dir, 'test.key') }),
    );
    const out: string[] = [];
    const code = await runCli(['--config', config, 'user', 'reset-totp', 'alice'], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([{ method: 'totp', enrolled: false, canEnroll: true, attemptsRemaining: 5 }]);
    const { enrollment } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body;
    const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(enrollment.secret, server.services.now()) });
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
  });

  it('does not let a password alone set up an authenticator for a user who already has backup codes', async () => {
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.replaceBackupCodes(alice!.id, ['h1', 'h2'], new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([]);
    expect((await server.post('/api/v1/flows/totp/enroll', { flow })).body.error).toBe('method_not_allowed');
  });

  it('shows backup codes from the one request that finished a double-submitted enrolment', async () => {
    const { flow } = await passwordStep(server, 'app');
    const { enrollment } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body;
    const code = await totpAt(enrollment.secret, server.services.now());
    const answers = await Promise.all([0, 1].map(() => server.post('/api/v1/flows/totp/verify', { flow, code })));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const alice = await server.services.store.findUserByUsername('alice');
    const { hashBackupCode } = await import('../../../server/auth/backup-codes.js');
    const shown: string[] = won[0]!.body.backupCodes;
    expect(shown).toHaveLength(10);
    expect(await server.services.store.consumeBackupCode(alice!.id, hashBackupCode(server.services.keyring, alice!.id, shown[0]!), new Date())).toBe(
      true,
    );
  });

  it('stores the seed under AES-256-GCM, not as the secret itself', async () => {
    const { secret } = await enrolTotp(server);
    const user = await server.services.store.findUserByUsername('alice');
    const credential = await server.services.store.getTotp(user!.id);
    expect(credential!.sealedSecret).toMatch(/^v1\./);
    expect(credential!.sealedSecret).not.toContain(secret);
  });

  it('follows the configured digits, period and algorithm', async () => {
    await server.stop();
    server = await startCountingServer({
      totp: { digits: 8, period: 60, algorithm: 'sha256' },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp']] }],
    });
    const { flow } = await passwordStep(server, 'app');
    const { enrollment } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body;
    const uri = new URL(enrollment.otpauthUri);
    expect(uri.searchParams.get('digits')).toBe('8');
    expect(uri.searchParams.get('period')).toBe('60');
    expect(uri.searchParams.get('algorithm')).toBe('SHA256');
    const code = await generate({
      secret: enrollment.secret,
      digits: 8,
      period: 60,
      algorithm: 'sha256',
      epoch: Math.floor(server.services.now().getTime() / 1000),
    });
    expect((await server.post('/api/v1/flows/totp/verify', { flow, code })).body.status).toBe('complete');
  });
});
