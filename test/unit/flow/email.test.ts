import { afterEach, describe, expect, it } from 'vitest';
import { passwordStep } from '../../support/login.js';
import { parseMail } from '../../support/mime.js';
import { startCountingServer, type TestServer } from '../../support/server.js';
import { startMailServer, type MailServer } from '../../support/smtp.js';

describe('e-mailed codes in a login', () => {
  let mail: MailServer;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    await mail?.close();
  });

  async function setup(email: Record<string, unknown> = {}) {
    mail = await startMailServer();
    server = await startCountingServer({
      appName: 'Acme',
      email: {
        provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'Acme Login <login@acme.example>', timeoutMs: 3000 },
        html: '<p>Your {app} code is <b>{code}</b>.</p>',
        ...email,
      },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['email']] }],
    });
  }

  const codeIn = (m: { raw: string }) => /code is (\d{6})/.exec(parseMail(m.raw).text ?? '')![1]!;

  it('mails a code through a real SMTP server and accepts it once', async () => {
    await setup();
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([{ method: 'email', email: 'a•••@example.com', sent: false }]);
    const sent = await server.post('/api/v1/flows/email/send', { flow });
    expect(sent.status).toBe(200);
    expect(sent.body.step.options[0]).toMatchObject({ sent: true, attemptsRemaining: 3 });

    expect(mail.mails).toHaveLength(1);
    const message = parseMail(mail.mails[0]!.raw);
    expect(mail.mails[0]!.to).toEqual(['alice@example.com']);
    expect(mail.mails[0]!.from).toBe('login@acme.example');
    const code = codeIn(mail.mails[0]!);
    expect(message.headers.get('subject')).toBe(`${code} is your Acme code`);
    expect(message.text).toContain('It expires in 5 minutes.');
    expect(message.html).toContain(`<b>${code}</b>`);

    const done = await server.post('/api/v1/flows/email/verify', { flow, code });
    expect(done.body.status).toBe('complete');
    const claims = JSON.parse(Buffer.from(done.body.result.idToken.split('.')[1], 'base64url').toString());
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.methods).toEqual(['password', 'email']);
  });

  it('sends an HTML part by default, with the code in it and the app name escaped', async () => {
    mail = await startMailServer();
    server = await startCountingServer({
      appName: 'Fish & <Chips>',
      email: { provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'login@acme.example', timeoutMs: 3000 } },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['email']] }],
    });
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/email/send', { flow });
    const message = parseMail(mail.mails[0]!.raw);
    const code = codeIn(mail.mails[0]!);
    expect(message.text).toContain('Your Fish & <Chips> code is');
    expect(message.html).toContain('Your Fish &amp; &lt;Chips&gt; code is');
    expect(message.html).toMatch(new RegExp(`>${code}</p>`));
    expect(message.html).toContain('It expires in 5 minutes.');
  });

  it('lets only one of two parallel uses of the right code through', async () => {
    await setup();
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/email/send', { flow });
    const code = codeIn(mail.mails[0]!);
    const answers = await Promise.all([0, 1].map(() => server.post('/api/v1/flows/email/verify', { flow, code })));
    expect(answers.filter((a) => a.body.status === 'complete')).toHaveLength(1);
    expect(answers.filter((a) => a.status >= 400)).toHaveLength(1);
  });

  it('follows the same code rules as SMS: attempts, expiry, resend throttle', async () => {
    await setup({ maxAttempts: 2 });
    const { flow } = await passwordStep(server, 'app');
    await server.post('/api/v1/flows/email/send', { flow });
    expect((await server.post('/api/v1/flows/email/send', { flow })).body.error).toBe('rate_limited');
    const code = codeIn(mail.mails[0]!);
    const wrong = code === '999999' ? '888888' : '999999';
    expect((await server.post('/api/v1/flows/email/verify', { flow, code: wrong })).body.attemptsRemaining).toBe(1);
    expect((await server.post('/api/v1/flows/email/verify', { flow, code: wrong })).body.error).toBe('too_many_attempts');
    server.advance(31);
    await server.post('/api/v1/flows/email/send', { flow });
    server.advance(301);
    expect((await server.post('/api/v1/flows/email/verify', { flow, code: codeIn(mail.mails[1]!) })).body.error).toBe('code_expired');
  });

  it('answers delivery_failed when the mail server refuses the recipient', async () => {
    mail = await startMailServer({ rejectRecipient: () => true });
    server = await startCountingServer({
      email: { provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'login@acme.example', timeoutMs: 3000 } },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['email']] }],
    });
    const { flow } = await passwordStep(server, 'app');
    const res = await server.post('/api/v1/flows/email/send', { flow });
    expect(res.status).toBe(502);
    expect(res.body.error).toBe('delivery_failed');
    expect(server.logs()).not.toContain('alice@example.com');
  });

  it('gives the hourly caps back when the mail server refuses, so an outage locks nobody out', async () => {
    let refusals = 3;
    mail = await startMailServer({ rejectRecipient: () => refusals-- > 0 });
    server = await startCountingServer({
      email: {
        provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'login@acme.example', timeoutMs: 3000 },
        resendAfterSeconds: 0,
        caps: { perAddressPerHour: 1, perIpPerHour: 1 },
      },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['email']] }],
    });
    const { flow } = await passwordStep(server, 'app');
    for (let i = 0; i < 3; i++) expect((await server.post('/api/v1/flows/email/send', { flow })).body.error).toBe('delivery_failed');
    expect((await server.post('/api/v1/flows/email/send', { flow })).status).toBe(200);
    expect((await server.post('/api/v1/flows/email/send', { flow })).body.error).toBe('rate_limited');
  });

  it('waits between codes to one address across flows: a new flow does not skip the wait', async () => {
    await setup();
    const a = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: a.flow })).status).toBe(200);
    const b = await passwordStep(server, 'app');
    const early = await server.post('/api/v1/flows/email/send', { flow: b.flow });
    expect(early.status).toBe(429);
    expect(early.body.error).toBe('rate_limited');
    const retryAfter = Number(early.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(mail.mails).toHaveLength(1);
    server.advance(14);
    expect((await server.post('/api/v1/flows/email/send', { flow: b.flow })).status).toBe(429);
    server.advance(16);
    expect((await server.post('/api/v1/flows/email/send', { flow: b.flow })).status).toBe(200);
    expect(mail.mails).toHaveLength(2);
  });

  it('shares the wait between spellings of one address that differ only in case', async () => {
    await setup();
    const a = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: a.flow })).status).toBe(200);
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { email: 'Alice@Example.com' }, new Date());
    const b = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: b.flow })).status).toBe(429);
  });

  it('gives the wait back when the mail server refuses, and once the code came back', async () => {
    let refusals = 1;
    mail = await startMailServer({ rejectRecipient: () => refusals-- > 0 });
    server = await startCountingServer({
      email: { provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'login@acme.example', timeoutMs: 3000 } },
      clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['email']] }],
    });
    const a = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: a.flow })).body.error).toBe('delivery_failed');
    const b = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: b.flow })).status).toBe(200);
    expect((await server.post('/api/v1/flows/email/verify', { flow: b.flow, code: codeIn(mail.mails[0]!) })).body.status).toBe('complete');
    const c = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/email/send', { flow: c.flow })).status).toBe(200);
    expect(mail.mails).toHaveLength(2);
  });

  it('does not offer e-mail to a user without an address', async () => {
    await setup();
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { email: null }, new Date());
    const { flow, state } = await passwordStep(server, 'app');
    expect(state.step.options).toEqual([]);
    expect((await server.post('/api/v1/flows/email/send', { flow })).body.error).toBe('method_not_allowed');
  });
});
