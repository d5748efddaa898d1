import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../support/server.js';

describe('the demo fixtures', () => {
  it('seed client demo and user alice once, and keep working on a new port', async () => {
    const first = await startTestServer();
    const dir = first.dir;
    const password = first.demo!.password;
    const firstOrigin = new URL(first.url).origin;
    await first.close();
    const again = await startTestServer({ store: { type: 'sqlite', path: path.join(dir, 'test.db') }, keyFile: path.join(dir, 'test.key') });
    try {
      expect(again.demo!.password).toBe(password);
      const client = await again.services.store.getClient('demo');
      expect(client!.allowedOrigins).toEqual(expect.arrayContaining([firstOrigin, new URL(again.url).origin]));
      expect(client!.sequence).toEqual([
        ['password', 'passkey'],
        ['totp', 'sms', 'backup_code', 'email', 'passkey'],
      ]);
      const started = await again.post('/api/v1/flows', { clientId: 'demo' }, { origin: new URL(again.url).origin });
      expect(started.status).toBe(201);
      expect((await again.services.store.listUsers()).map((u) => u.username)).toEqual(['alice']);
    } finally {
      await again.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs full request paths without bodies, and the polled dev endpoints only when debugging', async () => {
    const requestsOf = async (logLevel: 'info' | 'debug') => {
      const server = await startTestServer({ logLevel });
      try {
        await server.post('/api/v1/flows', { clientId: 'demo', nonce: 'not-logged' });
        await server.get('/api/v1/dev/outbox');
        const lines = server
          .logs()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        expect(server.logs()).not.toContain('not-logged');
        return lines.filter((l) => l.msg === 'request');
      } finally {
        await server.stop();
      }
    };
    const info = await requestsOf('info');
    expect(info.find((l) => l.path === '/api/v1/flows')).toMatchObject({ method: 'POST', status: 201 });
    expect(info.find((l) => l.path === '/api/v1/dev/outbox')).toBeUndefined();
    expect((await requestsOf('debug')).find((l) => l.path === '/api/v1/dev/outbox')).toMatchObject({ level: 20 });
  });
});
