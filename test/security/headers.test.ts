import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { freshSignIn, send } from './support.js';

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('come with every kind of answer: flow state, error, unknown path, discovery', async () => {
    const answers = {
      'flow start': await server.post('/api/v1/flows', { clientId: 'demo' }),
      'invalid request': await server.post('/api/v1/flows/password', 'not json'),
      'unknown path': await server.get('/api/v1/nothing-here'),
      discovery: await server.get('/.well-known/openid-configuration'),
    };
    for (const [what, { headers }] of Object.entries(answers)) {
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("frame-ancestors 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
      expect(headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(headers.get('strict-transport-security'), what).toMatch(/max-age=\d+/);
      expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
      expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
      expect(headers.get('x-permitted-cross-domain-policies'), what).toBe('none');
      expect(headers.get('x-powered-by'), what).toBeNull();
    }
  });

  it('keep answers that carry secrets out of every cache', async () => {
    const { idToken } = await freshSignIn(server);
    const flow = (await server.post('/api/v1/flows', { clientId: 'demo' })).body.flow;
    const answers = {
      'flow state': await server.post('/api/v1/flows/introspect', { flow }),
      'flow error': await server.post('/api/v1/flows/introspect', { flow: 'x'.repeat(43) }),
      'self-service': await server.get('/api/v1/me', { authorization: `Bearer ${idToken}` }),
      token: await send(server, 'POST', '/oauth2/token', 'grant_type=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      'dev outbox': await server.get('/api/v1/dev/outbox'),
    };
    for (const [what, { headers }] of Object.entries(answers)) expect(headers.get('cache-control'), what).toBe('no-store');
  });
});
