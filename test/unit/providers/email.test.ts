import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MfaError } from '../../../server/errors.js';
import { emailProviderConfig, type EmailProviderConfigInput } from '../../../server/providers/email/config.js';
import { createEmailSender } from '../../../server/providers/email/index.js';
import { maskEmail } from '../../../server/providers/email/mask.js';
import { Outbox } from '../../../server/providers/outbox.js';
import { ConfigError } from '../../../server/errors.js';
import { closedPort } from '../../support/gateway.js';
import { captureLogs } from '../../support/logs.js';
import { parseMail } from '../../support/mime.js';
import { startMailServer, type MailServer } from '../../support/smtp.js';

const mail = {
  to: 'alice@example.com',
  subject: 'Your sign-in code',
  text: 'Your code is 123456.\nIt expires in 10 minutes. – café ✓',
  html: '<p>Your code is <b>123456</b>.</p>',
};

let server: MailServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sender(config: EmailProviderConfigInput, extra: { env?: NodeJS.ProcessEnv; outbox?: Outbox } = {}) {
  const logs = captureLogs();
  const email = createEmailSender(emailProviderConfig.parse(config), {
    logger: logs.logger,
    env: extra.env ?? {},
    ...(extra.outbox ? { outbox: extra.outbox } : {}),
  });
  return { email, logs };
}

async function failure(promise: Promise<void>): Promise<MfaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MfaError);
  return error as MfaError;
}

describe('SMTP provider', () => {
  it('delivers to, from, subject, text and html to the SMTP server', async () => {
    server = await startMailServer();
    const { email } = sender({ type: 'smtp', host: '127.0.0.1', port: server.port, from: 'Login <login@example.org>' });
    expect(email.name).toBe('smtp');
    await email.send(mail);

    const [received] = server.mails;
    expect(received?.from).toBe('login@example.org');
    expect(received?.to).toEqual(['alice@example.com']);
    const parsed = parseMail(received?.raw ?? '');
    expect(parsed.headers.get('from')).toBe('Login <login@example.org>');
    expect(parsed.headers.get('to')).toBe('alice@example.com');
    expect(parsed.headers.get('subject')).toBe('Your sign-in code');
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
  });

  it('sends a text-only message when there is no html', async () => {
    server = await startMailServer();
    const { email } = sender({ type: 'smtp', host: '127.0.0.1', port: server.port, from: 'login@example.org' });
    await email.send({ to: mail.to, subject: 'Code', text: 'Your code is 654321.' });
    const parsed = parseMail(server.mails[0]?.raw ?? '');
    expect(parsed.text).toBe('Your code is 654321.');
    expect(parsed.html).toBeUndefined();
  });

  it('resolves ${ENV} in the sender address and credentials', async () => {
    server = await startMailServer();
    const { email } = sender(
      { type: 'smtp', host: '${SMTP_HOST}', port: server.port, from: '${MAIL_FROM}' },
      { env: { SMTP_HOST: '127.0.0.1', MAIL_FROM: 'codes@example.org' } },
    );
    await email.send(mail);
    expect(server.mails[0]?.from).toBe('codes@example.org');
  });

  it('refuses to start when a referenced variable is missing, naming it', () => {
    expect(() => sender({ type: 'smtp', host: 'smtp.example.org', from: 'a@example.org', auth: { user: 'u', pass: '${SMTP_PASSWORD}' } })).toThrow(
      new ConfigError('Environment variable SMTP_PASSWORD is referenced in the configuration but not set.'),
    );
  });

  it('turns a rejected recipient into delivery_failed and logs no body and no full address', async () => {
    server = await startMailServer({ rejectRecipient: () => true });
    const { email, logs } = sender({ type: 'smtp', host: '127.0.0.1', port: server.port, from: 'login@example.org' });
    expect((await failure(email.send(mail))).code).toBe('delivery_failed');
    expect(server.mails).toEqual([]);
    const warning = logs.lines().find((l) => l.level === 40);
    expect(warning).toMatchObject({ provider: 'smtp', to: 'a•••@example.com', reason: 'EENVELOPE', status: 550 });
    expect(logs.text()).not.toContain('alice@');
    expect(logs.text()).not.toContain('123456');
  });

  it('turns an unreachable server into delivery_failed', async () => {
    const port = await closedPort();
    const { email, logs } = sender({ type: 'smtp', host: '127.0.0.1', port, from: 'login@example.org', timeoutMs: 500 });
    expect((await failure(email.send(mail))).code).toBe('delivery_failed');
    expect(logs.lines().find((l) => l.level === 40)).toMatchObject({
      provider: 'smtp',
      reason: expect.stringMatching(/^E(SOCKET|CONNECTION)$/),
    });
  });

  it('gives up on a server that accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { email, logs } = sender({ type: 'smtp', host: '127.0.0.1', port, from: 'login@example.org', timeoutMs: 300 });
      const started = Date.now();
      expect((await failure(email.send(mail))).code).toBe('delivery_failed');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(logs.lines().find((l) => l.level === 40)).toMatchObject({ provider: 'smtp', reason: 'ETIMEDOUT' });
    } finally {
      await new Promise<void>((resolve) => {
        silent.close(() => resolve());
        for (const socket of sockets.splice(0)) socket.destroy();
      });
    }
  });

  it('records an accepted e-mail in the outbox with its subject and text', async () => {
    server = await startMailServer();
    const outbox = new Outbox();
    const { email } = sender({ type: 'smtp', host: '127.0.0.1', port: server.port, from: 'login@example.org' }, { outbox });
    await email.send(mail);
    expect(outbox.list('alice@example.com')).toEqual([
      { channel: 'email', to: mail.to, subject: mail.subject, body: mail.text, sentAt: expect.any(String) },
    ]);
  });

  it('records nothing in the outbox when the server refused the message', async () => {
    server = await startMailServer({ rejectRecipient: () => true });
    const outbox = new Outbox();
    const { email } = sender({ type: 'smtp', host: '127.0.0.1', port: server.port, from: 'login@example.org' }, { outbox });
    await failure(email.send(mail));
    expect(outbox.list()).toEqual([]);
  });

  it('fills the documented defaults', () => {
    expect(emailProviderConfig.parse({ type: 'smtp', host: 'smtp.example.org', from: 'a@example.org' })).toEqual({
      type: 'smtp',
      host: 'smtp.example.org',
      port: 587,
      secure: false,
      from: 'a@example.org',
      timeoutMs: 10000,
    });
  });
});

describe('console e-mail provider', () => {
  it('keeps the message in the outbox and logs only a masked address and the length', async () => {
    const outbox = new Outbox();
    const logs = captureLogs();
    const email = createEmailSender({ type: 'console' }, { logger: logs.logger, outbox, now: () => new Date('2026-11-22T10:00:00Z') });
    await email.send(mail);
    expect(email.name).toBe('console');
    expect(outbox.list()).toEqual([{ channel: 'email', to: mail.to, subject: mail.subject, body: mail.text, sentAt: '2026-11-22T10:00:00.000Z' }]);
    expect(logs.lines().at(-1)).toMatchObject({ provider: 'console', to: 'a•••@example.com', length: mail.text.length });
    expect(logs.text()).not.toContain('123456');
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a•••@example.com');
    expect(maskEmail('b@example.org')).toBe('b•••@example.org');
  });

  it('does not reveal anything of something that is not an address', () => {
    expect(maskEmail('not-an-address')).toBe('•••');
    expect(maskEmail('@example.com')).toBe('•••');
  });
});
