import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../../server/crypto/codes.js';
import { enrolTotp, passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

describe('flows', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startCountingServer({
      clients: [
        {
          clientId: 'app',
          name: 'App',
          sequence: [['password'], ['totp']],
          acrSequences: { 'urn:example:pwd': [['password']] },
          allowedOrigins: ['https://app.example'],
        },
      ],
    });
  });
  afterEach(() => server.stop());

  /** The server again, with `limits` and a client of password then TOTP. */
  const restartWith = async (limits: Parameters<typeof startCountingServer>[0]) => {
    await server.stop();
    server = await startCountingServer({ ...limits, clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp']] }] });
  };

  it('starts with an unguessable handle and the first step', async () => {
    const res = await server.post('/api/v1/flows', { clientId: 'app' });
    expect(res.status).toBe(201);
    expect(res.body.flow).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body).toMatchObject({ status: 'pending', step: { number: 1, total: 2, options: [{ method: 'password' }] } });
    expect(res.body.user).toBeUndefined();
    const ttl = new Date(res.body.expiresAt).getTime() - server.services.now().getTime();
    expect(ttl).toBeGreaterThan(595_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('answers unknown_client for a client that is not registered', async () => {
    const res = await server.post('/api/v1/flows', { clientId: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unknown_client');
  });

  it('picks a named sequence with acr and puts it in the token', async () => {
    const started = await server.post('/api/v1/flows', { clientId: 'app', acr: 'urn:example:pwd' });
    expect(started.body.step.total).toBe(1);
    const done = await server.post('/api/v1/flows/password', { flow: started.body.flow, username: 'alice', password: server.demo!.password });
    expect(done.body.status).toBe('complete');
    const claims = JSON.parse(Buffer.from(done.body.result.idToken.split('.')[1], 'base64url').toString());
    expect(claims.acr).toBe('urn:example:pwd');
    expect(claims.amr).toEqual(['pwd']);
    expect((await server.post('/api/v1/flows', { clientId: 'app', acr: 'urn:unknown' })).body.error).toBe('invalid_request');
  });

  it('never lets a step be skipped', async () => {
    const { body } = await server.post('/api/v1/flows', { clientId: 'app' });
    for (const path of ['/api/v1/flows/totp/verify', '/api/v1/flows/totp/enroll', '/api/v1/flows/sms/send', '/api/v1/flows/backup-code/verify']) {
      const res = await server.post(path, { flow: body.flow, code: '123456' });
      expect(res.status, path).toBe(409);
      expect(res.body.error).toBe('method_not_allowed');
    }
  });

  it('refuses a method the client sequence does not offer in this step', async () => {
    const { flow } = await passwordStep(server, 'app');
    const res = await server.post('/api/v1/flows/sms/send', { flow });
    expect(res.body.error).toBe('method_not_allowed');
  });

  it('resumes with introspect and shows who is signing in', async () => {
    const { flow } = await passwordStep(server, 'app');
    const res = await server.post('/api/v1/flows/introspect', { flow });
    expect(res.body).toMatchObject({ flow, status: 'pending', user: { username: 'alice', displayName: 'Alice Liddell' }, step: { number: 2 } });
  });

  it('expires after ten minutes', async () => {
    const { flow } = await passwordStep(server, 'app');
    server.advance(601);
    const res = await server.post('/api/v1/flows/introspect', { flow });
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ error: 'flow_expired', message: 'This login has expired. Please start again.', requestId: expect.any(String) });
    expect((await server.post('/api/v1/flows/totp/enroll', { flow })).body.error).toBe('flow_expired');
  });

  it('ends with cancel', async () => {
    const { flow } = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/cancel', { flow })).body).toEqual({
      flow,
      status: 'cancelled',
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await server.post('/api/v1/flows/introspect', { flow })).body.error).toBe('flow_not_found');
    expect((await server.post('/api/v1/flows/password', { flow, username: 'alice', password: 'x' })).status).toBe(404);
  });

  it('ends a completed flow with cancel, so its id_token cannot be read back', async () => {
    const started = await server.post('/api/v1/flows', { clientId: 'app', acr: 'urn:example:pwd' });
    const flow = started.body.flow;
    await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password });
    expect((await server.post('/api/v1/flows/introspect', { flow })).body.result.idToken).toBeTruthy();
    expect((await server.post('/api/v1/flows/cancel', { flow })).body.status).toBe('cancelled');
    expect((await server.post('/api/v1/flows/introspect', { flow })).body.error).toBe('flow_not_found');
  });

  it('answers flow_not_found for a handle it never made', async () => {
    const res = await server.post('/api/v1/flows/introspect', { flow: 'A'.repeat(43) });
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('flow_not_found');
  });

  it('answers invalid_request with the zod issues for bad bodies', async () => {
    const cases: [string, unknown][] = [
      ['/api/v1/flows', {}],
      ['/api/v1/flows', { clientId: 42 }],
      ['/api/v1/flows/introspect', { flow: 7 }],
      ['/api/v1/flows/password', { flow: 'short' }],
      ['/api/v1/flows/cancel', []],
    ];
    for (const [path, body] of cases) {
      const res = await server.post(path, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toBe('invalid_request');
      expect(res.body.issues[0]).toHaveProperty('path');
      expect(res.body.issues[0]).toHaveProperty('message');
      // The kind, so a client can say it in its own language.
      expect(res.body.issues[0].code, path).toMatch(/^[a-z_]+$/);
    }
    const notJson = await server.post('/api/v1/flows', '{"clientId":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toBe('invalid_request');
  });

  it('answers a wrong password and an unknown username identically', async () => {
    const a = await server.post('/api/v1/flows', { clientId: 'app' });
    const b = await server.post('/api/v1/flows', { clientId: 'app' });
    const wrong = await server.post('/api/v1/flows/password', { flow: a.body.flow, username: 'alice', password: 'not it' });
    const unknown = await server.post('/api/v1/flows/password', { flow: b.body.flow, username: 'nobody', password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    // Only the request id differs, and it is each request's own.
    expect(unknown.body).toEqual({ ...wrong.body, requestId: unknown.headers.get('x-request-id') });
    expect(wrong.body).toEqual({
      error: 'invalid_credentials',
      message: 'The username or password is not right.',
      attemptsRemaining: 4,
      requestId: wrong.headers.get('x-request-id'),
    });
  });

  it('ends the flow after five wrong passwords: nothing is left to try in the step', async () => {
    const { body } = await server.post('/api/v1/flows', { clientId: 'app' });
    let last: Awaited<ReturnType<typeof server.post>> | undefined;
    for (let i = 0; i < 5; i++) last = await server.post('/api/v1/flows/password', { flow: body.flow, username: 'alice', password: `wrong-${i}` });
    expect(last!.body.error).toBe('too_many_attempts');
    const right = await server.post('/api/v1/flows/password', { flow: body.flow, username: 'alice', password: server.demo!.password });
    expect(right.status).toBe(404);
    expect(right.body.error).toBe('flow_not_found');
  });

  it('counts parallel wrong passwords before checking the limit, so none slips past it', async () => {
    await restartWith({ password: { perUsernameAndIpLimit: 3 } });
    const flows = await Promise.all(Array.from({ length: 8 }, () => server.post('/api/v1/flows', { clientId: 'app' })));
    const answers = await Promise.all(
      flows.map((f) => server.post('/api/v1/flows/password', { flow: f.body.flow, username: 'alice', password: 'wrong' })),
    );
    expect(answers.filter((a) => a.body.error === 'invalid_credentials')).toHaveLength(3);
    expect(answers.filter((a) => a.body.error === 'rate_limited')).toHaveLength(5);
  });

  it('refuses flow starts from one address past its budget, parallel ones too, and keeps no flow of theirs', async () => {
    await restartWith({ flow: { startsPerMinutePerIp: 3 } });
    const answers = await Promise.all(Array.from({ length: 8 }, () => server.post('/api/v1/flows', { clientId: 'app' })));
    const started = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 429);
    expect(started).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const answer of refused) {
      expect(answer.body.error).toBe('rate_limited');
      expect(answer.body.retryAfter).toBeGreaterThanOrEqual(1);
      expect(answer.body.retryAfter).toBeLessThanOrEqual(60);
    }
    const db = new Database(path.join(server.dir, 'test.db'), { readonly: true });
    try {
      const ids = db.prepare('SELECT id FROM flows').all() as { id: string }[];
      expect(ids.map((r) => r.id).sort()).toEqual(started.map((a) => sha256(a.body.flow)).sort());
    } finally {
      db.close();
    }
    // The next minute has its budget again.
    server.advance(60);
    expect((await server.post('/api/v1/flows', { clientId: 'app' })).status).toBe(201);
  });

  it('gives a right password back its place in the per-username budget', async () => {
    await restartWith({ password: { perUsernameAndIpLimit: 2 } });
    for (let i = 0; i < 5; i++) await passwordStep(server, 'app');
    const { body } = await server.post('/api/v1/flows', { clientId: 'app' });
    expect((await server.post('/api/v1/flows/password', { flow: body.flow, username: 'alice', password: 'wrong' })).body.error).toBe(
      'invalid_credentials',
    );
  });

  it('loses no wrong answer when two instances change one flow at once: the loser hears flow_conflict', async () => {
    const peer = await startCountingServer(
      {
        store: { type: 'sqlite', path: path.join(server.dir, 'test.db') },
        keyFile: path.join(server.dir, 'test.key'),
      },
      { sameClockAs: server },
    );
    try {
      await enrolTotp(server);
      const { flow } = await passwordStep(server, 'app');
      const answers = await Promise.all([server, peer, server, peer].map((s) => s.post('/api/v1/flows/totp/verify', { flow, code: '000000' })));
      for (const a of answers) expect(['invalid_code', 'flow_conflict']).toContain(a.body.error);
      expect(answers.some((a) => a.body.error === 'invalid_code')).toBe(true);
      for (const a of answers.filter((x) => x.body.error === 'flow_conflict')) expect(a.status).toBe(409);
      const counted = answers.filter((a) => a.body.error === 'invalid_code' || a.body.error === 'too_many_attempts').length;
      const stored = await server.services.store.getFlow((await import('../../../server/crypto/codes.js')).sha256(flow));
      expect(stored!.data.attempts.totp ?? 0).toBe(counted);
    } finally {
      await peer.stop();
    }
  });

  it('lets a completed flow expire like a pending one', async () => {
    const started = await server.post('/api/v1/flows', { clientId: 'app', acr: 'urn:example:pwd' });
    await server.post('/api/v1/flows/password', { flow: started.body.flow, username: 'alice', password: server.demo!.password });
    server.advance(601);
    expect((await server.post('/api/v1/flows/introspect', { flow: started.body.flow })).body.error).toBe('flow_expired');
  });

  it('rate-limits a username from one address across flows, known or not', async () => {
    await server.stop();
    // The slow-down after five failures is asked for, not waited out, so the test stays quick.
    const waits: number[] = [];
    server = await startCountingServer(
      { clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp']] }] },
      { sleep: async (ms) => void waits.push(ms) },
    );
    for (const username of ['alice', 'nobody']) {
      const statuses = [];
      for (let i = 0; i < 11; i++) {
        const { body } = await server.post('/api/v1/flows', { clientId: 'app' });
        statuses.push((await server.post('/api/v1/flows/password', { flow: body.flow, username, password: 'bad' })).status);
      }
      expect(
        statuses.slice(0, 10).every((s) => s === 401),
        username,
      ).toBe(true);
      expect(statuses[10], username).toBe(429);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 1000, 2000, 4000, 8000, 16_000]);
  });

  it('answers CORS only for the origins the client lists', async () => {
    const ok = await server.post('/api/v1/flows', { clientId: 'app' }, { origin: 'https://app.example' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const evil = await server.post('/api/v1/flows', { clientId: 'app' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toBe('origin_not_allowed');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
