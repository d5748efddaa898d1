import { afterEach, describe, expect, it } from 'vitest';
import { realLogs } from '../../support/logs.js';
import { startHostApp } from '../../support/host-app.js';
import { passwordStep } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const linesOf = (server: TestServer) =>
  server
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the request id', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const start = async (config: Parameters<typeof startTestServer>[0] = {}) => {
    const server = await startTestServer(config);
    servers.push(server);
    return server;
  };

  it('is made for every request, answered in X-Request-Id, and different each time', async () => {
    const server = await start();
    const ids = await Promise.all(
      ['/api/v1/openapi.json', '/healthz', '/widget/nothing.js', '/nowhere', '/'].map(async (p) => (await server.get(p)).headers.get('x-request-id')),
    );
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is in every error answer, the flow API’s, a 404’s and the token endpoint’s OAuth errors alike', async () => {
    const server = await start();
    const answers = [
      await server.post('/api/v1/flows', { clientId: 'nobody' }),
      await server.post('/api/v1/flows/password', { flow: 'x'.repeat(43), username: 'alice', password: 'pw' }),
      await server.post('/api/v1/flows', '{not json'),
      await server.get('/api/v1/nowhere'),
      await server.get('/nowhere'),
    ];
    const token = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=x',
    });
    answers.push({ status: token.status, headers: token.headers, body: await token.json() });
    for (const { status, body, headers } of answers) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(body.requestId, JSON.stringify(body)).toMatch(UUID);
      expect(body.requestId).toBe(headers.get('x-request-id'));
    }
    expect(answers.at(-1)!.body).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it('is on every log line of its request, deep ones included, and on no other', async () => {
    const server = await start();
    const { flow } = await passwordStep(server);
    const sent = await server.post('/api/v1/flows/sms/send', { flow });
    expect(sent.status).toBe(200);
    const id = sent.headers.get('x-request-id')!;
    const lines = linesOf(server).filter((l) => l.requestId === id);
    // The access line, and the console SMS provider's line from deep inside the send.
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['request', expect.stringMatching(/SMS/i)]));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    // The access line places the request on a timeline: who sent it, too.
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ ip: '127.0.0.1', method: 'POST', path: '/api/v1/flows/sms/send', status: 200 });
    // One id per request: the other requests' lines carry their own.
    const others = linesOf(server).filter((l) => l.msg === 'request' && l.requestId !== id);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const line of others) expect(line.requestId).toMatch(UUID);
  });

  it('is on the decision line and the audit events of the step that made them', async () => {
    const server = await start();
    const started = await server.post('/api/v1/flows', { clientId: 'demo' });
    const step = await server.post('/api/v1/flows/password', {
      flow: started.body.flow,
      username: server.demo!.username,
      password: server.demo!.password,
    });
    expect(step.status).toBe(200);
    const [startId, stepId] = [started.headers.get('x-request-id'), step.headers.get('x-request-id')];
    expect(linesOf(server).find((l) => l.msg === 'step decided')).toMatchObject({ method: 'password', result: 'passed', requestId: stepId });
    await server.services.audit.flush();
    const events = await server.services.store.listAuditEvents({ order: 'asc', limit: 10 });
    expect(events.find((e) => e.type === 'flow.started')?.requestId).toBe(startId);
    expect(events.find((e) => e.type === 'step.passed')?.requestId).toBe(stepId);
    // The event's own line, like every other line of its request, names it at the top.
    expect(linesOf(server).find((l) => l.msg === 'audit event' && (l.audit as { type: string }).type === 'step.passed')?.requestId).toBe(stepId);
    // Every decision line names its request.
    expect(linesOf(server).filter((l) => l.msg === 'step decided' && l.requestId === undefined)).toEqual([]);
  });

  it('comes from X-Request-Id only when trustProxy is on, and only when it is short and safe', async () => {
    const untrusting = await start();
    const ignored = await untrusting.get('/healthz', { 'x-request-id': 'from-the-client-1' });
    expect(ignored.headers.get('x-request-id')).toMatch(UUID);

    const behindProxy = await start({ trustProxy: true });
    const proxied = await behindProxy.post('/api/v1/flows', { clientId: 'nobody' }, { 'x-request-id': 'Root=1-67891233-abcdef012345678912345678' });
    expect(proxied.headers.get('x-request-id')).toBe('Root=1-67891233-abcdef012345678912345678');
    expect(proxied.body.requestId).toBe('Root=1-67891233-abcdef012345678912345678');
    expect(linesOf(behindProxy).find((l) => l.msg === 'request' && l.path === '/api/v1/flows')).toMatchObject({
      requestId: 'Root=1-67891233-abcdef012345678912345678',
    });
    for (const unsafe of ['a'.repeat(65), 'two words', '"quoted"', 'a;b', '{json}', 'ünïcode']) {
      const res = await behindProxy.get('/healthz', {
        'x-request-id': encodeURIComponent(unsafe) === unsafe ? unsafe : unsafe.replace(/[^\x20-\x7e]/g, '?'),
      });
      expect(res.headers.get('x-request-id'), unsafe).toMatch(UUID);
    }
  });

  it('is given by the mounted router on its own paths, in answers, error bodies and log lines, and not on the host’s pages', async () => {
    // The server's own logger (with its redaction) as an integrator would hand it in.
    const logs = realLogs();
    const host = await startHostApp('/login', logs.logger);
    try {
      const res = await fetch(`${host.url}/login/api/v1/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"clientId":"nobody"}',
      });
      const id = res.headers.get('x-request-id');
      expect(id).toMatch(UUID);
      expect(await res.json()).toMatchObject({ error: 'unknown_client', requestId: id });
      expect((await fetch(`${host.url}/login/healthz`)).headers.get('x-request-id')).toMatch(UUID);
      expect((await fetch(`${host.url}/shop`)).headers.get('x-request-id')).toBeNull();
      // A line logged inside a request, far from the HTTP code: readiness finding the store closed.
      await host.router.services.store.close();
      const probe = await fetch(`${host.url}/login/readyz`);
      expect(probe.status).toBe(503);
      expect(logs.lines().find((l) => String(l.msg).startsWith('not ready'))).toMatchObject({
        requestId: probe.headers.get('x-request-id'),
        service: 'mfa-login',
      });
    } finally {
      await host.stop();
    }
  });
});
