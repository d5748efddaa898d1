import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { freshSignIn, send } from './support.js';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

describe('CORS: only the origins a client lists', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clients: [{ clientId: 'shop', name: 'Shop', allowedOrigins: [SHOP], sequence: [['password'], ['totp']] }] });
  });
  afterAll(() => server.stop());

  const start = (clientId: string, origin: string) => server.post('/api/v1/flows', { clientId }, { origin });
  const preflight = (origin: string, path = '/api/v1/flows') =>
    send(server, 'OPTIONS', path, undefined, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });

  it('refuses a flow start from an unlisted origin, without CORS headers', async () => {
    for (const origin of [EVIL, 'null', `${SHOP}.evil.example`, 'http://shop.example', `${SHOP}:8443`]) {
      const res = await start('shop', origin);
      expect(res.status, origin).toBe(403);
      expect(res.body.error, origin).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('answers the listed origin with its own name, never a wildcard or credentials', async () => {
    const res = await start('shop', SHOP);
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers a preflight from the listed origin, and not from another', async () => {
    const ok = await preflight(SHOP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);

    for (const path of ['/api/v1/flows', '/api/v1/flows/password', '/api/v1/me']) {
      const refused = await preflight(EVIL, path);
      expect(refused.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(refused.headers.get('access-control-allow-methods'), path).toBeNull();
    }
  });

  it("keeps one client's origin out of another client's flows", async () => {
    expect((await start('demo', SHOP)).body.error).toBe('origin_not_allowed');
    const flow = (await start('shop', SHOP)).body.flow;
    for (const origin of [EVIL, server.url]) {
      const res = await server.post('/api/v1/flows/introspect', { flow }, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error, origin).toBe('origin_not_allowed');
    }
    expect((await server.post('/api/v1/flows/introspect', { flow }, { origin: SHOP })).status).toBe(200);
  });

  it("refuses self-service from an origin the token's client does not list", async () => {
    const { idToken } = await freshSignIn(server);
    const res = await server.get('/api/v1/me', { authorization: `Bearer ${idToken}`, origin: EVIL });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('origin_not_allowed');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
