import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/index.js';
import type { Store } from '../../../server/store/types.js';
import { schemaErrors } from '../../support/json-schema.js';
import { captureLogs } from '../../support/logs.js';
import { startHostApp } from '../../support/host-app.js';
import { testSchema } from '../../support/postgres.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const contract = JSON.parse(readFileSync('openapi.json', 'utf8'));

describe('GET /healthz and GET /readyz', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const start = async (...args: Parameters<typeof startTestServer>) => {
    const server = await startTestServer(...args);
    servers.push(server);
    return server;
  };

  it('answer without credentials, never cached: the process lives, and the store, signing key and providers are ready', async () => {
    const server = await start();
    const live = await server.get('/healthz');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(live.headers.get('cache-control')).toBe('no-store');
    const ready = await server.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', signingKey: 'ok', providers: 'ok' } });
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(ready.headers.get('x-content-type-options')).toBe('nosniff');
    // Probes come every few seconds: their lines are for debugging only.
    const probes = server
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === 'request' && /z$/.test(l.path));
    expect(probes.map((l) => l.level)).toEqual([20, 20]);
  });

  it('turns /readyz 503 naming the store when its database is gone, says no more than that, and 200 again when it is back', async () => {
    const pg = await testSchema();
    try {
      const server = await start({ store: { type: 'postgres', url: pg.url, schema: pg.schema } });
      expect((await server.get('/readyz')).status).toBe(200);
      await pg.drop();
      const down = await server.get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'not_ready', checks: { store: 'failed', signingKey: 'ok', providers: 'ok' }, failed: ['store'] });
      expect(schemaErrors(contract, contract.paths['/readyz'].get.responses['503'].content['application/json'].schema, down.body)).toEqual([]);
      expect(JSON.stringify(down.body)).not.toMatch(/postgres|127\.0\.0\.1|schema_migrations/);
      expect((await server.get('/healthz')).status).toBe(200);
      expect(server.logs()).toContain('not ready: store');
      await server.services.store.migrate();
      expect((await server.get('/readyz')).status).toBe(200);
      expect(server.logs()).toContain('ready again');
    } finally {
      await pg.drop();
    }
  });

  it('answers 503 with store: timeout when the database hangs, instead of hanging the probe', async () => {
    const dir = (await start()).dir;
    const real = openStore({ type: 'sqlite', path: `${dir}/hung.db` });
    // A database that accepts the query and never answers it.
    const hung: Store = new Proxy(real, {
      get: (target, key) => (key === 'ping' ? () => new Promise(() => undefined) : Reflect.get(target, key, target)),
    });
    const server = await start({}, { store: hung });
    const started = Date.now();
    const res = await server.get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.store).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('are served by the mounted router at its mount point, and /readyz is 503 once the router drains', async () => {
    const host = await startHostApp('/login', pino({ level: 'silent' }));
    try {
      expect((await fetch(`${host.url}/login/healthz`)).status).toBe(200);
      const ready = await fetch(`${host.url}/login/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('cache-control')).toBe('no-store');
      expect((await fetch(`${host.url}/healthz`)).status).toBe(404);
      host.router.drain();
      const draining = await fetch(`${host.url}/login/readyz`);
      expect(draining.status).toBe(503);
      const body = await draining.json();
      expect(body).toEqual({ status: 'shutting_down' });
      expect(schemaErrors(contract, contract.paths['/readyz'].get.responses['503'].content['application/json'].schema, body)).toEqual([]);
      expect((await fetch(`${host.url}/login/healthz`)).status).toBe(200);
    } finally {
      await host.stop();
    }
  });

  it('log a readiness change once, not on every probe', async () => {
    const logs = captureLogs();
    const pg = await testSchema();
    const host = await startHostApp('', logs.logger, { store: { type: 'postgres', url: pg.url, schema: pg.schema } });
    try {
      await pg.drop();
      for (let i = 0; i < 3; i++) expect((await fetch(`${host.url}/readyz`)).status).toBe(503);
      expect(logs.lines().filter((l) => String(l.msg).startsWith('not ready'))).toHaveLength(1);
    } finally {
      await host.stop();
      await pg.drop();
    }
  });
});
