import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolTotp, passwordStep } from '../support/login.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { send } from './support.js';

const STEP_TWO = [
  '/api/v1/flows/totp/enroll',
  '/api/v1/flows/totp/verify',
  '/api/v1/flows/sms/send',
  '/api/v1/flows/sms/enroll',
  '/api/v1/flows/sms/verify',
  '/api/v1/flows/email/send',
  '/api/v1/flows/email/verify',
  '/api/v1/flows/backup-code/verify',
];

describe('flow handles', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const start = async () => {
    const res = await server.post('/api/v1/flows', { clientId: 'demo' });
    expect(res.status).toBe(201);
    return res;
  };

  it('carry at least 128 random bits: 1000 distinct 256-bit base64url handles, no shared prefixes', async () => {
    const handles: string[] = [];
    for (let i = 0; i < 1000; i++) {
      // Starts are limited per address and minute; the server's clock moves on instead.
      if (i % 100 === 99) server.advance(61);
      handles.push((await start()).body.flow);
    }
    for (const handle of handles) {
      expect(handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(handle, 'base64url')).toHaveLength(32);
    }
    expect(new Set(handles).size).toBe(1000);
    // A counter or a clock in the handle would show as shared leading characters.
    expect(new Set(handles.map((h) => h.slice(0, 8))).size).toBe(1000);
    // 43 000 characters from a uniform source use all 64 symbols (each expected ~670 times).
    const counts = new Map<string, number>();
    for (const c of handles.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(64);
    expect(Math.min(...counts.values())).toBeGreaterThan(400);
  });

  it('are never put in a URL or a header, and are not read from one', async () => {
    const { flow, state } = await passwordStep(server);
    const answers = [
      await server.post('/api/v1/flows/introspect', { flow }),
      await server.post('/api/v1/flows/sms/send', { flow }),
      await server.post('/api/v1/flows/totp/enroll', { flow }),
    ];
    for (const answer of answers) {
      for (const [name, value] of answer.headers) expect(value, name).not.toContain(flow);
    }
    expect(JSON.stringify(state.step)).not.toContain(flow);

    const inQuery = await send(server, 'POST', `/api/v1/flows/introspect?flow=${flow}`, '{}', { 'content-type': 'application/json' });
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.error).toBe('invalid_request');
    expect((await server.get(`/api/v1/flows/introspect?flow=${flow}`)).status).toBe(404);
    expect((await server.get(`/api/v1/flows/${flow}`)).status).toBe(404);

    const doc = (await server.get('/api/v1/openapi.json')).body;
    const parameters = JSON.stringify(Object.values(doc.paths).flatMap((item: any) => Object.values(item).flatMap((op: any) => op.parameters ?? [])));
    expect(parameters).not.toMatch(/"name":"(flow|stateHandle|handle)"/);
  });

  it('are unknown once the flow is cancelled', async () => {
    const { flow } = await passwordStep(server);
    expect((await server.post('/api/v1/flows/cancel', { flow })).body).toEqual({
      flow,
      status: 'cancelled',
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    for (const path of ['/api/v1/flows/introspect', '/api/v1/flows/cancel', '/api/v1/flows/password', ...STEP_TWO]) {
      const res = await server.post(path, { flow, code: '123456', username: 'alice', password: server.demo!.password, phone: '+12015550199' });
      expect(res.status, path).toBe(404);
      expect(res.body.error, path).toBe('flow_not_found');
    }
  });

  it('expire ten minutes after the start', async () => {
    const { flow } = await passwordStep(server);
    server.advance(599);
    expect((await server.post('/api/v1/flows/introspect', { flow })).status).toBe(200);
    server.advance(1);
    for (const path of ['/api/v1/flows/introspect', '/api/v1/flows/sms/send', '/api/v1/flows/totp/enroll', '/api/v1/flows/cancel']) {
      const res = await server.post(path, { flow });
      expect(res.status, path).toBe(410);
      expect(res.body.error, path).toBe('flow_expired');
    }
  });

  it('hand out a completed flow’s id_token only in the 30 s after completion', async () => {
    const own = await startTestServer();
    try {
      await resultWindow(own);
    } finally {
      await own.stop();
    }
  });

  async function resultWindow(server: TestServer) {
    const { flow, done } = await enrolTotp(server);
    expect(done.body.result.idToken).toMatch(/^ey/);
    server.advance(25);
    const soon = await server.post('/api/v1/flows/introspect', { flow });
    expect(soon.body.result.idToken).toBe(done.body.result.idToken);
    server.advance(6);
    const later = await server.post('/api/v1/flows/introspect', { flow });
    expect(later.status).toBe(200);
    expect(later.body).toEqual({
      flow,
      status: 'complete',
      expiresAt: expect.any(String),
      user: { username: 'alice', displayName: 'Alice Liddell' },
      // The demo client runs passkeys and alice has none: making one is offered, never the token.
      offers: ['passkey'],
    });
    expect(JSON.stringify(later.body)).not.toContain(done.body.result.idToken.split('.')[2]);
  }

  it('cannot skip a step: second-step methods are refused before the password', async () => {
    const { body } = await start();
    for (const path of STEP_TWO) {
      const res = await server.post(path, { flow: body.flow, code: '123456', phone: '+12015550199' });
      expect(res.status, path).toBe(409);
      expect(res.body.error, path).toBe('method_not_allowed');
    }
    const still = await server.post('/api/v1/flows/introspect', { flow: body.flow });
    expect(still.body.step).toEqual({
      number: 1,
      total: 2,
      options: [{ method: 'password' }, { method: 'passkey', discoverable: true, attemptsRemaining: 5 }],
    });
    expect(still.body.user).toBeUndefined();
  });

  it('cannot repeat a step once it is done', async () => {
    const { flow } = await passwordStep(server);
    const again = await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('method_not_allowed');
  });
});
