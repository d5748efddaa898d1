import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../server/config.js';
import { startGateway, type Gateway } from '../../support/gateway.js';
import { testSchema, type TestSchema } from '../../support/postgres.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

const SECRET = 'grant-client-secret-0123456789';
const GRANT = 'urn:mfa-login:grant-type:sms-otp';
const PHONE = '+12015550123';
const GUESSES = 12;

/**
 * Two server instances on one Postgres schema and one master key, texting through one real
 * HTTP listener: what several instances behind a load balancer are.
 */
async function twoInstances(config: ConfigInput = {}) {
  const db = await testSchema();
  const gateway = await startGateway(() => ({ status: 202, json: {} }));
  const shared: ConfigInput = {
    ...config,
    store: { type: 'postgres', url: db.url, schema: db.schema },
    sms: {
      provider: { type: 'http', url: `${gateway.url}/send`, contentType: 'json', payload: { to: '$ctx.num', text: '$ctx.msg' } },
      caps: { perPhonePerHour: 100, perIpPerHour: 100 },
    },
    clients: [
      { clientId: 'app', name: 'App', sequence: [['password'], ['sms']] },
      { clientId: 'backend', name: 'Backend', clientSecret: SECRET },
    ],
  };
  const a = await startCountingServer(shared);
  const b = await startCountingServer({ ...shared, keyFile: path.join(a.dir, 'test.key') }, { sameClockAs: a });
  return { a, b, db, gateway };
}

/** `count` six-digit codes, none of them `code`. */
const wrongCodes = (code: string, count: number) =>
  Array.from({ length: count }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
const lastCode = (gateway: Gateway) => /(\d{6}) is your/.exec(JSON.parse(gateway.requests.at(-1)!.body).text)![1]!;

describe('parallel wrong codes on two instances of one database', () => {
  let setup: { a: TestServer; b: TestServer; db: TestSchema; gateway: Gateway } | undefined;
  afterEach(async () => {
    await setup?.a.stop();
    await setup?.b.stop();
    await setup?.gateway.close();
    await setup?.db.drop();
    setup = undefined;
  });

  async function token(server: TestServer, fields: Record<string, string>) {
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`backend:${SECRET}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: GRANT, ...fields }).toString(),
    });
    return { status: res.status, body: (await res.json()) as { error?: string; error_description?: string } };
  }

  it('SMS OTP grant: judges at most maxAttempts guesses, refuses the rest unread, and the code is dead after', async () => {
    setup = await twoInstances();
    const { a, b, gateway } = setup;
    const sent = await token(a, { username: PHONE });
    const reference = sent.body as unknown as { challenge: { reference: string } };
    const code = lastCode(gateway);
    const answers = await Promise.all(
      wrongCodes(code, GUESSES).map((guess, i) => token(i % 2 ? a : b, { reference: reference.challenge.reference, code: guess })),
    );
    const said = answers.map((r) => r.body.error_description);
    expect(answers.every((r) => r.status < 500)).toBe(true);
    // A verdict on a wrong code is given only for a counted guess whose save won.
    expect(said.filter((d) => d === 'OTP Invalid').length).toBeLessThanOrEqual(2);
    expect(said.filter((d) => d === 'Too many attempts').length).toBeGreaterThanOrEqual(GUESSES - 3);
    // Nothing else: a guess judged while a parallel save won gets no verdict at all.
    for (const d of said)
      expect(['OTP Invalid', 'Too many attempts', 'The code was checked by another request at the same moment. Please try again.']).toContain(d);
    expect((await token(b, { reference: reference.challenge.reference, code })).body.error_description).toBe('Too many attempts');
  });

  it('login flow: at most maxAttempts wrong codes get a verdict, the others a conflict or too_many_attempts', async () => {
    setup = await twoInstances();
    const { a, b, gateway } = setup;
    const started = await a.post('/api/v1/flows', { clientId: 'app' });
    const flow: string = started.body.flow;
    await a.post('/api/v1/flows/password', { flow, username: 'alice', password: a.demo!.password });
    expect((await b.post('/api/v1/flows/sms/send', { flow })).status).toBe(200);
    const code = lastCode(gateway);
    const answers = await Promise.all(
      wrongCodes(code, GUESSES).map((guess, i) => (i % 2 ? a : b).post('/api/v1/flows/sms/verify', { flow, code: guess })),
    );
    const errors = answers.map((r) => r.body.error as string);
    expect(answers.every((r) => r.status < 500)).toBe(true);
    expect(errors.filter((e) => e === 'invalid_code').length).toBeLessThanOrEqual(2);
    for (const e of errors) expect(['invalid_code', 'too_many_attempts', 'flow_conflict', 'method_not_allowed']).toContain(e);
    // Each verdict is its own counted attempt: a save that lost answered flow_conflict instead.
    const left = answers.filter((r) => r.body.error === 'invalid_code').map((r) => r.body.attemptsRemaining);
    expect(new Set(left).size).toBe(left.length);
    const state = await a.post('/api/v1/flows/introspect', { flow });
    const sms = state.body.step?.options?.find((o: { method: string }) => o.method === 'sms');
    if (!sms || sms.attemptsRemaining === 0) expect((await a.post('/api/v1/flows/sms/verify', { flow, code })).status).not.toBe(200);
  });
});
