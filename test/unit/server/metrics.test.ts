import { afterEach, describe, expect, it } from 'vitest';
import { limitKind } from '../../../server/auth/limit-kind.js';
import { parseConfig } from '../../../server/config.js';
import { ConfigError } from '../../../server/errors.js';
import { sweepExpired } from '../../../server/login/sweep.js';
import { enrolTotp, passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

const token = 'scrape-token-0123456789';
const bearer = { authorization: `Bearer ${token}` };

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and (at least) these labels; 0 when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value ?? 0;
}

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

async function start(config: Parameters<typeof startCountingServer>[0] = {}, env: NodeJS.ProcessEnv = {}) {
  const server = await startCountingServer(config, { env });
  servers.push(server);
  return server;
}

async function scrape(server: TestServer, url = `${server.url}/metrics`, headers: Record<string, string> = bearer) {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parse(await res.text());
}

describe('Prometheus metrics', () => {
  it('are off by default: the path is not found', async () => {
    const server = await start();
    const res = await server.get('/metrics', bearer);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
    expect(server.metricsUrl).toBeNull();
  });

  it('refuse to start on the main port without a token, saying what to set', () => {
    const attempt = () => parseConfig({ metrics: { enabled: true } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/metrics\.token: required when metrics are served on the main port/);
    expect(() => parseConfig({ metrics: { enabled: true, token: 'x'.repeat(16) } })).not.toThrow();
    expect(() => parseConfig({ metrics: { enabled: true, port: 9464 } })).not.toThrow();
    expect(() => parseConfig({ metrics: { enabled: true, port: 9464, extra: 1 } })).toThrow(/metrics/);
  });

  it('refuse a token too short to stand, also when it comes from the environment', async () => {
    await expect(startCountingServer({ metrics: { enabled: true, token: 'short' } })).rejects.toThrow(/at least 16 characters/);
  });

  it('answer 401 without the bearer token or with a wrong one, on the main port', async () => {
    const server = await start({ metrics: { enabled: true, token } });
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: `Basic ${token}` }];
    for (const headers of attempts) {
      const res = await server.get('/metrics', headers);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await server.get('/metrics', bearer)).status).toBe(200);
  });

  it('count a login: flows, step outcomes, texts, refusals, latency per route, password hashes; no label names a person', async () => {
    const server = await start({ metrics: { enabled: true, token }, password: { perUsernameAndIpLimit: 2 } });
    const { done } = await enrolTotp(server);
    expect(done.body.status).toBe('complete');

    // A text, then a second one to the same number from another flow: the resend wait refuses it.
    const a = await passwordStep(server);
    expect((await server.post('/api/v1/flows/sms/send', { flow: a.flow })).status).toBe(200);
    const b = await passwordStep(server);
    expect((await server.post('/api/v1/flows/sms/send', { flow: b.flow })).status).toBe(429);
    expect((await server.post('/api/v1/flows/cancel', { flow: b.flow })).status).toBe(200);

    // Wrong passwords for one username until its limit refuses.
    const c = (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow;
    const wrong = { flow: c, username: 'alice', password: 'not-her-password' };
    expect((await server.post('/api/v1/flows/password', wrong)).body.error).toBe('invalid_credentials');
    expect((await server.post('/api/v1/flows/password', wrong)).body.error).toBe('invalid_credentials');
    expect((await server.post('/api/v1/flows/password', wrong)).body.error).toBe('rate_limited');

    // An unknown URL is one bucket, whatever it holds.
    expect((await server.get('/api/v1/alice/127.0.0.1')).status).toBe(404);

    const samples = await scrape(server);
    const demo = { client: 'demo', acr: 'mfa' };
    expect(value(samples, 'mfa_login_flows_started_total', demo)).toBe(4);
    expect(value(samples, 'mfa_login_flows_completed_total', demo)).toBe(1);
    expect(value(samples, 'mfa_login_flows_abandoned_total', { ...demo, reason: 'cancelled' })).toBe(1);

    const step = (method: string, action: string, outcome: string) => value(samples, 'mfa_login_step_outcomes_total', { method, action, outcome });
    expect(step('password', 'verify', 'ok')).toBe(3);
    expect(step('password', 'verify', 'invalid_credentials')).toBe(2);
    expect(step('password', 'verify', 'rate_limited')).toBe(1);
    expect(step('totp', 'enroll', 'ok')).toBe(1);
    expect(step('totp', 'verify', 'ok')).toBe(1);
    expect(step('sms', 'send', 'ok')).toBe(1);
    expect(step('sms', 'send', 'rate_limited')).toBe(1);

    expect(value(samples, 'mfa_login_messages_total', { channel: 'sms', provider: 'console', result: 'sent' })).toBe(1);
    expect(value(samples, 'mfa_login_limit_refusals_total', { kind: 'password:ip' })).toBe(1);
    expect(value(samples, 'mfa_login_limit_refusals_total', { kind: 'sms:resend' })).toBe(1);

    const route = { method: 'POST', route: '/api/v1/flows/password', status: '200' };
    expect(value(samples, 'mfa_login_http_request_duration_seconds_count', route)).toBe(3);
    expect(value(samples, 'mfa_login_http_request_duration_seconds_count', { ...route, status: '401' })).toBe(2);
    expect(value(samples, 'mfa_login_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/flows', status: '201' })).toBe(4);
    expect(value(samples, 'mfa_login_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);

    expect(value(samples, 'mfa_login_password_hash_duration_seconds_count', { operation: 'verify' })).toBe(5);
    expect(value(samples, 'mfa_login_password_hashes_in_flight')).toBe(0);
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    const labelValues = samples.flatMap((s) => Object.values(s.labels)).join('\n');
    for (const personal of ['alice', 'Alice', '127.0.0.1', '2015550123', 'example.com', a.flow, b.flow, c]) {
      expect(labelValues).not.toContain(personal);
    }
    expect(labelValues).not.toMatch(/\/api\/v1\/flows\/[A-Za-z0-9_-]{20,}/);
  });

  it('count the refusals of the SMS OTP grant by kind, never by the number', async () => {
    const secret = 'backend-secret-0123456789';
    const server = await start({ metrics: { enabled: true, token }, clients: [{ clientId: 'backend', name: 'Backend', clientSecret: secret }] });
    const send = () =>
      fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`backend:${secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'urn:mfa-login:grant-type:sms-otp', username: '+12015550199' }).toString(),
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(429);
    const samples = await scrape(server);
    expect(value(samples, 'mfa_login_limit_refusals_total', { kind: 'sms:verify-resend' })).toBe(1);
    expect(value(samples, 'mfa_login_messages_total', { channel: 'sms', provider: 'console', result: 'sent' })).toBe(1);
    expect(value(samples, 'mfa_login_http_request_duration_seconds_count', { method: 'POST', route: '/oauth2/token', status: '429' })).toBe(1);
    expect(samples.flatMap((s) => Object.values(s.labels)).join('\n')).not.toContain('2015550199');
  });

  it('count a flow that expired unfinished as abandoned when the sweep removes it', async () => {
    const server = await start({ metrics: { enabled: true, token } });
    await passwordStep(server);
    const { done } = await enrolTotp(server);
    expect(done.body.status).toBe('complete');
    server.advance(600 + 3600 + 1);
    await sweepExpired(server.services);
    const samples = await scrape(server);
    expect(value(samples, 'mfa_login_flows_abandoned_total', { client: 'demo', acr: 'mfa', reason: 'expired' })).toBe(1);
  });

  it('count an e-mail the mail server refused as failed, per provider type', async () => {
    const { startMailServer } = await import('../../support/smtp.js');
    const mail = await startMailServer({ rejectRecipient: () => true });
    try {
      const server = await start({
        metrics: { enabled: true, token },
        email: { provider: { type: 'smtp', host: '127.0.0.1', port: mail.port, from: 'login@acme.example', timeoutMs: 3000 } },
      });
      const { flow } = await passwordStep(server);
      expect((await server.post('/api/v1/flows/email/send', { flow })).body.error).toBe('delivery_failed');
      const samples = await scrape(server);
      expect(value(samples, 'mfa_login_messages_total', { channel: 'email', provider: 'smtp', result: 'failed' })).toBe(1);
      expect(value(samples, 'mfa_login_step_outcomes_total', { method: 'email', action: 'send', outcome: 'delivery_failed' })).toBe(1);
    } finally {
      await mail.close();
    }
  });

  it('serve on a port of their own, apart from the main port, with the token when one is set', async () => {
    const open = await start({ metrics: { enabled: true, port: 0, host: '127.0.0.1' } });
    expect(open.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(open.metricsUrl!).port).not.toBe(new URL(open.url).port);
    await passwordStep(open);
    const samples = await scrape(open, open.metricsUrl!, {});
    expect(value(samples, 'mfa_login_flows_started_total', { client: 'demo', acr: 'mfa' })).toBe(1);
    expect((await open.get('/metrics')).status).toBe(404);
    expect((await fetch(open.metricsUrl!.replace(/\/metrics$/, '/other'))).status).toBe(404);

    const unset = await startCountingServer({ metrics: { enabled: true, port: 0, token: '${METRICS_TOKEN}' } }).catch((e: unknown) => e);
    expect(String(unset)).toMatch(/METRICS_TOKEN/);

    const guarded = await start(
      { metrics: { enabled: true, port: 0, path: '/internal/metrics', token: '${METRICS_TOKEN}' } },
      { METRICS_TOKEN: token },
    );
    expect(guarded.metricsUrl).toMatch(/\/internal\/metrics$/);
    const refused = await fetch(guarded.metricsUrl!);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await scrape(guarded, guarded.metricsUrl!, bearer);
  });

  it('name a refusing counter by its kind, never by its value', () => {
    expect(limitKind('password:bob:x')).toBe('password');
    expect(limitKind('sms:phone:Zk3…')).toBe('sms:phone');
    expect(limitKind('sms:resend:abc:1')).toBe('sms:resend');
    expect(limitKind('flows:ip:10.0.0.1')).toBe('flows:ip');
    expect(limitKind('email:to:alice@example.com')).toBe('email:to');
    expect(limitKind('totp:user:u1')).toBe('totp:user');
    expect(limitKind('newkind:who:ever')).toBe('newkind');
  });

  it('keep a registry per server: two servers in one process count apart', async () => {
    const [one, two] = await Promise.all([start({ metrics: { enabled: true, token } }), start({ metrics: { enabled: true, token } })]);
    await passwordStep(one!);
    await passwordStep(one!);
    await passwordStep(two!);
    expect(value(await scrape(one!), 'mfa_login_flows_started_total', { client: 'demo', acr: 'mfa' })).toBe(2);
    expect(value(await scrape(two!), 'mfa_login_flows_started_total', { client: 'demo', acr: 'mfa' })).toBe(1);
  });
});
