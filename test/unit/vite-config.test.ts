import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, type ProxyOptions, type UserConfig } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import config, { serverUrl } from '../../vite.config.js';
import { startTestServer } from '../support/server.js';

const saved = { PORT: process.env.PORT, MFA_LOGIN_URL: process.env.MFA_LOGIN_URL };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** The proxy targets `npx vite` (the demo page's dev server) uses under the current environment. */
function proxyTargets(): Record<string, unknown> {
  const resolved = (config as (env: { mode: string; command: 'serve' }) => UserConfig)({ mode: 'development', command: 'serve' });
  const proxy = resolved.server!.proxy as Record<string, ProxyOptions>;
  return Object.fromEntries(Object.entries(proxy).map(([prefix, options]) => [prefix, options.target]));
}

describe('npx vite: where the demo page’s API calls go', () => {
  it('reaches a server started on another PORT through the dev server', async () => {
    const server = await startTestServer({ logLevel: 'warn' });
    delete process.env.MFA_LOGIN_URL;
    process.env.PORT = new URL(server.url).port;
    const vite = await createViteServer({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
    });
    try {
      await vite.listen();
      const res = await fetch(`${vite.resolvedUrls!.local[0]!.replace(/\/$/, '')}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { issuer: string }).issuer).toBe(server.url);
    } finally {
      await vite.close();
      await server.stop();
    }
  });

  it('follows PORT, as npm start does', () => {
    delete process.env.MFA_LOGIN_URL;
    process.env.PORT = '4100';
    expect(proxyTargets()).toEqual({ '/api': 'http://127.0.0.1:4100', '/.well-known': 'http://127.0.0.1:4100', '/oauth2': 'http://127.0.0.1:4100' });
  });

  it('follows MFA_LOGIN_URL for a server elsewhere, over PORT', () => {
    process.env.PORT = '4100';
    process.env.MFA_LOGIN_URL = 'http://192.0.2.10:8080/';
    expect(proxyTargets()['/api']).toBe('http://192.0.2.10:8080');
  });

  it('defaults to port 3000', () => {
    expect(serverUrl({})).toBe('http://127.0.0.1:3000');
  });
});
