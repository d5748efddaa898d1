import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/audit/signature.js';
import { runCli } from '../../server/cli.js';
import type { AuditEventRecord } from '../../server/store/types.js';
import { sinkListener, type SinkListener } from '../support/audit-sink.js';
import { passwordStep, totpAt } from '../support/login.js';
import { startCountingServer, type TestServer } from '../support/server.js';
import { stepUp } from '../support/step-up.js';

const PHONE = '+12015550123';
const NEW_PHONE = '+12015550199';
const CLI_PHONE = '+12015550142';
const GRANT_PHONE = '+12015550177';
const SINK_SECRET = 'sink-secret-0123456789-abcdefghijklmnop';
const CLIENT_SECRET = 'grant-client-secret-0123456789';

const latestCode = async (server: TestServer, to: string) => {
  const [message] = (await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body.messages;
  return /(\d{6})/.exec(message.body)![1]!;
};

describe('the audit log', () => {
  let server: TestServer;
  let sink: SinkListener;
  let events: AuditEventRecord[];
  const waits: number[] = [];
  /** Everything that must never reach the audit log or the sink, gathered while signing in every way. */
  const secrets = new Set<string>([
    PHONE,
    PHONE.slice(2),
    NEW_PHONE,
    NEW_PHONE.slice(2),
    CLI_PHONE,
    CLI_PHONE.slice(2),
    GRANT_PHONE,
    GRANT_PHONE.slice(2),
    'alice@example.com',
    CLIENT_SECRET,
    SINK_SECRET,
  ]);
  const keep = <T extends string>(value: T): T => {
    secrets.add(value);
    return value;
  };
  const cliOut: string[] = [];
  let cliCodes: number[] = [];

  const find = (type: string, match: Record<string, unknown> = {}) =>
    events.filter(
      (e) =>
        e.type === type && Object.entries(match).every(([k, v]) => JSON.stringify((e.details as Record<string, unknown>)[k]) === JSON.stringify(v)),
    );

  beforeAll(async () => {
    sink = await sinkListener();
    server = await startCountingServer(
      {
        sms: { caps: { perPhonePerHour: 100, perIpPerHour: 100 } },
        password: { slowDown: { afterFailures: 6, baseSeconds: 1, maxSeconds: 2 } },
        clients: [{ clientId: 'backend', name: 'Backend', clientSecret: CLIENT_SECRET }],
        audit: { address: 'hash', sink: { url: sink.url, secret: SINK_SECRET, batchSize: 7, intervalMs: 20 } },
      },
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    keep(server.demo!.password);

    // A wrong password, then password + TOTP enrolment (a wrong code first), which makes backup codes.
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
    keep(enrolled.body.deviceToken);

    // Password + SMS, a wrong code before the right one.
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
    keep(
      (await server.post('/api/v1/flows/email/verify', { flow: email.flow, code: keep(await latestCode(server, 'alice@example.com')) })).body.result
        .idToken,
    );

    // Password + backup code.
    const backup = await passwordStep(server);
    keep(backup.flow);
    keep((await server.post('/api/v1/flows/backup-code/verify', { flow: backup.flow, code: backupCodes[0] })).body.result.idToken);

    // Five wrong passwords end a flow (a lockout); the sixth failure for alice starts her slow-down.
    const locked = keep((await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow);
    for (let i = 0; i < 5; i++)
      await server.post('/api/v1/flows/password', { flow: locked, username: 'alice', password: keep(`wrong-password-${i}`) });
    const slowed = keep((await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow);
    await server.post('/api/v1/flows/password', { flow: slowed, username: 'alice', password: server.demo!.password });

    // Settings: a step-up, then a new phone and new backup codes with its grant.
    const me = await stepUp(server, idToken, secret);
    keep(me.grant);
    await me.post('/api/v1/me/phone', { phone: NEW_PHONE });
    await me.post('/api/v1/me/phone/verify', { code: keep(await latestCode(server, NEW_PHONE)) });
    (await me.post('/api/v1/me/backup-codes', {})).body.backupCodes.forEach(keep);

    // The SMS OTP grant: a code to a third party's number, traded for tokens.
    const grant = async (fields: Record<string, string>) => {
      const res = await fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`backend:${CLIENT_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'urn:mfa-login:grant-type:sms-otp', ...fields }).toString(),
      });
      return (await res.json()) as Record<string, any>;
    };
    const reference = keep((await grant({ username: GRANT_PHONE })).challenge.reference);
    const tokens = await grant({ reference, code: keep(await latestCode(server, GRANT_PHONE)) });
    keep(tokens.access_token);
    keep(tokens.id_token);

    // An admin at the console: the CLI on the same database and key.
    const configFile = path.join(server.dir, 'cli.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        store: { type: 'sqlite', path: path.join(server.dir, 'test.db') },
        keyFile: path.join(server.dir, 'test.key'),
        logLevel: 'warn',
      }),
    );
    const io = { out: (l: string) => cliOut.push(l), err: () => undefined };
    cliCodes = [
      await runCli(['-c', configFile, 'user', 'set-phone', 'alice', CLI_PHONE], {}, { out: () => undefined, err: () => undefined }),
      await runCli(['-c', configFile, 'user', 'reset-totp', 'alice'], {}, { out: () => undefined, err: () => undefined }),
    ];
    await server.services.audit.flush();
    cliCodes.push(await runCli(['-c', configFile, 'events', 'tail', '--limit', '500'], {}, io));

    await server.services.audit.flush();
    await server.services.audit.sink!.flush();
    events = (await server.services.store.listAuditEvents({ order: 'asc', limit: 1000 })).filter(Boolean);
  });
  afterAll(async () => {
    await server.stop();
    await sink.close();
  });

  it('records the start of every flow', () => {
    expect(find('flow.started', { kind: 'login' }).length).toBeGreaterThanOrEqual(6);
    expect(find('flow.started', { kind: 'step-up' })).toHaveLength(1);
    expect(find('flow.started')[0]).toMatchObject({ clientId: 'demo', address: expect.stringMatching(/^h:/), requestId: expect.any(String) });
    // The request id in the event is the one its answer carried, so support can go from one to the other.
    const ids = new Set(events.map((e) => e.requestId));
    expect(ids.size).toBeGreaterThan(20);
  });

  it('records passed and failed passwords with the reason', () => {
    expect(find('step.passed', { method: 'password' }).length).toBeGreaterThanOrEqual(5);
    expect(find('step.failed', { method: 'password', reason: 'invalid_credentials' }).length).toBeGreaterThanOrEqual(5);
  });

  it('records TOTP codes right and wrong, and the authenticator and first backup codes set up', () => {
    expect(find('step.failed', { method: 'totp', reason: 'invalid_code' })).toHaveLength(1);
    expect(find('step.passed', { method: 'totp', kind: 'login' })).toHaveLength(1);
    expect(find('factor.enrolled', { factor: 'totp' })).toHaveLength(1);
    expect(find('factor.enrolled', { factor: 'backup_code', count: 10 })).toHaveLength(1);
  });

  it('records each code sent with its masked destination and the provider status', () => {
    expect(find('code.sent', { channel: 'sms', kind: 'login' })[0]!.details).toEqual({
      channel: 'sms',
      destination: '+1…0123',
      provider: 'console',
      status: 'accepted',
      purpose: 'sign-in',
      kind: 'login',
    });
    expect(find('code.sent', { channel: 'email' })[0]!.details).toMatchObject({ destination: 'a•••@example.com', status: 'accepted' });
    expect(find('step.failed', { method: 'sms', reason: 'invalid_code' })).toHaveLength(1);
    expect(find('step.passed', { method: 'sms' })).toHaveLength(1);
    expect(find('step.passed', { method: 'email' })).toHaveLength(1);
  });

  it('records a backup code used', () => {
    expect(find('step.passed', { method: 'backup_code' })).toHaveLength(1);
  });

  it('records the lockout after the last wrong password and the slow-down that followed', () => {
    const [lockout] = find('lockout', { method: 'password' });
    expect(lockout).toMatchObject({ userId: null, clientId: 'demo', details: { reason: 'too_many_attempts' } });
    expect(waits.length).toBeGreaterThan(0);
    expect(find('slowdown', { method: 'password', delayMs: waits[0] })[0]).toMatchObject({ userId: expect.any(String) });
  });

  it('records tokens issued with client, acr and amr, also a settings grant and the SMS OTP grant', () => {
    const issued = find('token.issued', { tokenType: 'id_token', grant: 'login' });
    expect(issued).toHaveLength(4);
    expect(issued[0]).toMatchObject({ clientId: 'demo', details: { acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] } });
    expect(find('token.issued', { amr: ['pwd', 'sms', 'mfa'] })).toHaveLength(1);
    expect(find('token.issued', { tokenType: 'settings_grant' })).toHaveLength(1);
    expect(find('token.issued', { grant: 'sms-otp' })[0]).toMatchObject({
      clientId: 'backend',
      userId: null,
      details: { acr: 'urn:mfa-login:acr:sms-otp', amr: ['sms'] },
    });
    expect(find('code.sent', { kind: 'sms-otp' })[0]!.details).toMatchObject({ destination: '+1…0177', purpose: 'verify' });
  });

  it('records factor changes and who made them: the user in settings, an admin at the CLI', () => {
    const alice = find('factor.enrolled', { factor: 'totp' })[0]!.userId!;
    expect(find('factor.changed', { change: 'phone-changed' })[0]).toMatchObject({
      userId: alice,
      actor: { kind: 'user', userId: alice },
      details: { via: 'settings', destination: '+1…0199' },
    });
    expect(find('factor.changed', { change: 'backup-codes-renewed', via: 'settings' })).toHaveLength(1);
    expect(cliCodes).toEqual([0, 0, 0]);
    expect(find('factor.changed', { change: 'phone-set' })[0]).toMatchObject({
      userId: alice,
      actor: { kind: 'admin', via: 'cli' },
      details: { via: 'cli', destination: '+1…0142' },
    });
    expect(find('factor.changed', { change: 'totp-reset' })[0]).toMatchObject({
      actor: { kind: 'admin', via: 'cli' },
      details: { totpRemoved: true },
    });
  });

  it('events tail prints the stored events as JSON lines, oldest first', () => {
    const printed = cliOut.map((l) => JSON.parse(l) as AuditEventRecord);
    expect(printed.length).toBeGreaterThan(40);
    expect(printed.map((e) => e.id)).toEqual(events.slice(0, printed.length).map((e) => e.id));
  });

  it('streams every event to the sink as JSON lines, each POST signed', () => {
    expect(sink.received.length).toBeGreaterThan(1);
    const now = server.services.now();
    for (const r of sink.received) {
      expect(r.contentType).toBe('application/x-ndjson');
      expect(verifySignature(SINK_SECRET, r.signature, r.body, now)).toBe(true);
      expect(verifySignature(SINK_SECRET, r.signature, `${r.body} `, now)).toBe(false);
      expect(verifySignature('another-secret-of-enough-length-000000', r.signature, r.body, now)).toBe(false);
    }
    const streamed = sink.received.flatMap((r) =>
      r.body
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as AuditEventRecord).id),
    );
    // The CLI's events went to its own store connection, not through this server's sink.
    const served = events.filter((e) => e.actor?.kind !== 'admin').map((e) => e.id);
    expect(new Set(streamed)).toEqual(new Set(served));
  });

  it('holds none of the codes, secrets, passwords, tokens or full phone numbers used, in the store or the sink', () => {
    const stored = JSON.stringify(events);
    const streamed = sink.received.map((r) => r.body).join('\n');
    const printed = cliOut.join('\n');
    expect(secrets.size).toBeGreaterThan(30);
    for (const s of secrets) {
      expect(stored, s).not.toContain(s);
      expect(streamed, s).not.toContain(s);
      expect(printed, s).not.toContain(s);
    }
  });
});
