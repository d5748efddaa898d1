import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordStep, totpAt } from '../support/login.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { stepUp } from '../support/step-up.js';

const PHONE = '+12015550123';
const NEW_PHONE = '+12015550199';

const latestCode = async (server: TestServer, to: string) => {
  const [message] = (await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages;
  return /(\d{6})/.exec(message.body)![1]!;
};

describe('logs', () => {
  let server: TestServer;
  /** Everything that must never reach a log line, gathered while logging in every way. */
  const secrets = new Set<string>([PHONE, PHONE.slice(2), NEW_PHONE, NEW_PHONE.slice(2), 'alice@example.com']);
  const keep = <T extends string>(value: T): T => {
    secrets.add(value);
    return value;
  };

  beforeAll(async () => {
    server = await startTestServer({ sms: { caps: { perPhonePerHour: 100, perIpPerHour: 100 } } });
    keep(server.demo!.password);

    // Wrong password first, then password + TOTP enrolment (which makes backup codes).
    const first = keep((await server.post('/api/v1/flows', { clientId: 'demo', nonce: 'n' })).body.flow);
    await server.post('/api/v1/flows/password', { flow: first, username: 'alice', password: keep('wrong-horse-battery-staple') });
    await server.post('/api/v1/flows/password', { flow: first, username: 'alice', password: server.demo!.password });
    const secret = keep((await server.post('/api/v1/flows/totp/enroll', { flow: first })).body.enrollment.secret);
    await server.post('/api/v1/flows/totp/verify', {
      flow: first,
      code: keep(String(Number(await totpAt(secret, server.services.now())) ^ 1).padStart(6, '0')),
    });
    const enrolled = await server.post('/api/v1/flows/totp/verify', { flow: first, code: keep(await totpAt(secret, server.services.now())) });
    const backupCodes: string[] = enrolled.body.backupCodes.map(keep);
    keep(enrolled.body.result.idToken);
    // The device token that login handed out, sent back with the next password.
    const deviceToken = keep(enrolled.body.deviceToken);
    const again = keep((await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow);
    await server.post('/api/v1/flows/password', { flow: again, username: 'alice', password: server.demo!.password, deviceToken });

    // Password + SMS, with a wrong code before the right one.
    const sms = await passwordStep(server);
    keep(sms.flow);
    await server.post('/api/v1/flows/sms/send', { flow: sms.flow });
    const smsCode = keep(await latestCode(server, PHONE));
    await server.post('/api/v1/flows/sms/verify', { flow: sms.flow, code: smsCode.replace(/.$/, (d) => String((Number(d) + 1) % 10)) });
    const smsDone = await server.post('/api/v1/flows/sms/verify', { flow: sms.flow, code: smsCode });
    const idToken = keep(smsDone.body.result.idToken);

    // Password + e-mailed code.
    const email = await passwordStep(server);
    keep(email.flow);
    await server.post('/api/v1/flows/email/send', { flow: email.flow });
    await server.post('/api/v1/flows/email/verify', { flow: email.flow, code: keep(await latestCode(server, 'alice@example.com')) });

    // Password + backup code, then a wrong one in another flow.
    const backup = await passwordStep(server);
    keep(backup.flow);
    keep((await server.post('/api/v1/flows/backup-code/verify', { flow: backup.flow, code: backupCodes[0] })).body.result.idToken);
    const wrong = await passwordStep(server);
    keep(wrong.flow);
    await server.post('/api/v1/flows/backup-code/verify', { flow: wrong.flow, code: backupCodes[0] });

    // Self-service: a step-up, then a phone change and new backup codes with its grant.
    const me = await stepUp(server, idToken, secret);
    keep(me.grant);
    await me.post('/api/v1/me/phone', { phone: NEW_PHONE });
    await me.post('/api/v1/me/phone/verify', { code: keep(await latestCode(server, NEW_PHONE)) });
    (await me.post('/api/v1/me/backup-codes', {})).body.backupCodes.forEach(keep);
  });
  afterAll(() => server.stop());

  it('were written while logging in (the check below is not vacuous)', () => {
    const lines = server
      .logs()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.path === '/api/v1/flows/password')).toBe(true);
    expect(lines.some((l) => /SMS not sent/.test(l.msg))).toBe(true);
    // Each decision on a step names the client, and the user once known, never what was typed.
    const decisions = lines.filter((l) => l.msg === 'step decided');
    expect(decisions).toContainEqual(expect.objectContaining({ clientId: 'demo', userId: null, method: 'password', result: 'invalid_credentials' }));
    expect(decisions).toContainEqual(
      expect.objectContaining({ clientId: 'demo', userId: expect.any(String), method: 'sms', action: 'verify', result: 'invalid_code' }),
    );
    expect(decisions).toContainEqual(expect.objectContaining({ clientId: 'demo', method: 'totp', action: 'verify', result: 'passed' }));
    // A code from an enrolled authenticator: the same line says which one, and how far off its clock was.
    expect(decisions).toContainEqual(
      expect.objectContaining({ method: 'totp', result: 'passed', totpCredentialId: expect.any(String), offset: expect.any(Number) }),
    );
    expect(secrets.size).toBeGreaterThan(30);
  });

  it('hold no password, TOTP secret, code, backup code, flow handle, id_token, device token, full phone number or e-mail address', () => {
    const text = server.logs();
    // A 6-digit code is matched as a whole number: inside a 13-digit timestamp it is chance, not a leak.
    const appears = (secret: string) => (/^\d{1,8}$/.test(secret) ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text) : text.includes(secret));
    const leaked = [...secrets].filter(appears);
    expect(leaked).toEqual([]);
  });
});
