import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config.js';
import { accepts, openGet, openJsonPost } from '../../support/raw-http.js';
import { startTestServer as startServer } from '../../support/server.js';

describe('closing the server (what SIGTERM runs)', () => {
  // Each test closes its server itself: only the folders are left to remove.
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const startTestServer = async (...args: Parameters<typeof startServer>) => {
    const server = await startServer(...args);
    dirs.push(server.dir);
    return server;
  };

  it('answers the request in flight, refuses new connections, answers /readyz 503 meanwhile, then closes the store', async () => {
    const server = await startTestServer();
    const started = await server.post('/api/v1/flows', { clientId: 'demo', nonce: 'n' });
    // Its header block left open: the probe's connection is busy, so it outlives the drain's first step.
    const probe = openGet(server.url, '/readyz');
    await probe.sent;
    // Headers sent, body held back: the password step is in the server's hands (it said 100 Continue).
    const login = openJsonPost(server.url, '/api/v1/flows/password', { flow: started.body.flow, username: 'alice', password: server.demo!.password });
    await login.continued;

    const closing = server.close();
    expect(await accepts(server.url)).toBe(false);
    probe.finish();
    const ready = await probe.answer;
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'shutting_down' });
    login.finish();
    const answered = await login.answer;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ status: 'pending', step: { number: 2 } });
    // Told not to reuse the connection: the server is going away.
    expect(answered.headers.connection).toBe('close');
    await closing;
    await expect(server.services.store.ping()).rejects.toThrow();
  });

  it('does not wait for idle keep-alive connections', async () => {
    const server = await startTestServer({ shutdown: { graceSeconds: 30 } });
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      request(`${server.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    const t = Date.now();
    await server.close();
    // Far below both the keep-alive timeout (5 s) and the grace period.
    expect(Date.now() - t).toBeLessThan(1500);
    agent.destroy();
  });

  it('cuts what is still in flight after shutdown.graceSeconds, and logs how many requests it cut', async () => {
    const server = await startTestServer({ shutdown: { graceSeconds: 1 } });
    // A body that never comes: this request can only end by being cut.
    const stuck = openJsonPost(server.url, '/api/v1/flows', { clientId: 'demo' });
    await stuck.continued;
    // Watched from now: the cut comes while close() still has the store and the hashing threads to stop.
    const cutOff = expect(stuck.answer).rejects.toThrow(/closed/);
    const t = Date.now();
    await server.close();
    const took = Date.now() - t;
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2500);
    await cutOff;
    const cut = server
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((l) => /cut/.test(l.msg));
    expect(cut).toMatchObject({ level: 40, cut: 1, graceSeconds: 1 });
  });
});

describe('shutdown settings', () => {
  it('default to a 10 s grace period, and are checked strictly', () => {
    expect(parseConfig({}).shutdown).toEqual({ graceSeconds: 10 });
    expect(parseConfig({ shutdown: { graceSeconds: 0 } }).shutdown.graceSeconds).toBe(0);
    expect(() => parseConfig({ shutdown: { graceSecond: 5 } })).toThrow(/shutdown/);
    expect(() => parseConfig({ shutdown: { graceSeconds: -1 } })).toThrow(/shutdown\.graceSeconds/);
    expect(() => parseConfig({ shutdown: { graceSeconds: 2.5 } })).toThrow(/shutdown\.graceSeconds/);
    expect(() => parseConfig({ shutdown: { graceSeconds: '10' } })).toThrow(/shutdown\.graceSeconds/);
  });
});
