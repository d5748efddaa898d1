import express from 'express';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mfaLogin } from '../../server/app.js';
import { parseConfig } from '../../server/config.js';
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
      'demo page': await server.get('/'),
    };
    for (const [what, { headers }] of Object.entries(answers)) {
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("frame-ancestors 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
      expect(headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(csp, what).toMatch(/(^|;)style-src 'self'(;|$)/);
      expect(csp, what).not.toContain('unsafe-inline');
      // An http issuer: nothing may pin browsers to an https that is not there.
      expect(headers.get('strict-transport-security'), what).toBeNull();
      expect(csp, what).not.toContain('upgrade-insecure-requests');
      expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
      expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
      expect(headers.get('x-permitted-cross-domain-policies'), what).toBe('none');
      expect(headers.get('x-powered-by'), what).toBeNull();
    }
  });

  it('ask for HTTPS (HSTS, upgrade-insecure-requests) when the issuer is https', async () => {
    const https = await startTestServer({ issuer: 'https://login.example.test' });
    try {
      for (const p of ['/', '/.well-known/openid-configuration', '/api/v1/nothing-here']) {
        const { headers } = await https.get(p);
        expect(headers.get('strict-transport-security'), p).toMatch(/^max-age=\d{7,}/);
        expect(headers.get('content-security-policy'), p).toContain('upgrade-insecure-requests');
      }
    } finally {
      await https.stop();
    }
  });

  it('serve a demo page whose styles all come from files: no inline style element or attribute', () => {
    const pages = [path.resolve('demo/index.html'), path.resolve('dist/demo/index.html')].filter(existsSync);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      expect(html, page).not.toMatch(/<style[\s>]/i);
      expect(html, page).not.toMatch(/\sstyle\s*=/i);
      expect(html, page).toMatch(/<link rel="stylesheet"[^>]* href="[^"]+\.css"/);
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
    // Nor is a flow answer revalidated: no ETag, a JSON body of the length it says.
    const state = answers['flow state'];
    expect(state.headers.get('etag')).toBeNull();
    expect(state.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(state.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(state.body)));
  });
});

describe('the mfaLogin() router mounted in a host app', () => {
  it('sets the security headers on its own answers and leaves the host app’s pages alone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-host-'));
    const config = parseConfig({
      issuer: 'http://127.0.0.1',
      store: { type: 'sqlite', path: path.join(dir, 'host.db') },
      keyFile: path.join(dir, 'host.key'),
    });
    const router = await mfaLogin(config, { env: {}, logger: pino({ level: 'silent' }) });
    const app = express();
    app.use(router);
    app.get('/shop', (_req, res) => void res.send('<p>the host page</p>'));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const p of ['/.well-known/jwks.json', '/api/v1/openapi.json']) {
        const res = await fetch(base + p);
        expect(res.status, p).toBe(200);
        expect(res.headers.get('content-security-policy'), p).toContain("default-src 'self'");
        expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      }
      const host = await fetch(`${base}/shop`);
      expect(await host.text()).toContain('the host page');
      expect(host.headers.get('content-security-policy')).toBeNull();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
