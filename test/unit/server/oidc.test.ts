import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uiLocalesSupported } from '../../../contract/oidc.js';
import { hostedPageCsp, signInPage } from '../../../server/oidc/hosted-page.js';
import { satisfiedSteps } from '../../../server/oidc/session.js';
import type { ClientRecord } from '../../../server/store/types.js';
import { authorizeParams, authorizeRequest, oidcClients, signInOnHostedPage } from '../../support/oidc.js';
import { startTestServer } from '../../support/server.js';

const client = {
  clientId: 'shop',
  name: 'Shop <&> "Best"',
  logoUri: 'https://cdn.shop.example/logo.svg',
  cssUri: 'https://styles.shop.example/login.css',
} as ClientRecord;

describe('the hosted login page', () => {
  it('allows scripts from itself only, and styles and images from the client’s own CSS and logo origins', () => {
    const csp = hostedPageCsp(client);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' https://styles.shop.example;");
    expect(csp).toContain("img-src 'self' data: https://cdn.shop.example;");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|nonce-/);
    expect(hostedPageCsp(null)).toContain("style-src 'self';");
  });

  it('escapes the client’s name, links its stylesheet, and holds no inline script or style', () => {
    const html = signInPage({ issuer: 'https://login.example/auth', client, flow: 'flow-handle', lang: 'de' });
    expect(html).toContain('Sign in to Shop &lt;&amp;&gt; &quot;Best&quot;');
    expect(html).toContain('<link rel="stylesheet" href="https://styles.shop.example/login.css">');
    expect(html).toContain('<script type="module" src="/auth/authorize/page.js"></script>');
    expect(html).toContain('data-complete="/auth/authorize/complete"');
    expect(html).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=/);
  });

  it('offers only languages the element has a catalogue for', () => {
    const langs = new URL('../../../widget/i18n/langs/', import.meta.url);
    for (const lang of uiLocalesSupported.filter((l) => l !== 'en')) expect(existsSync(new URL(`${lang}.ts`, langs)), lang).toBe(true);
    expect(uiLocalesSupported[0]).toBe('en');
  });
});

describe('a sign-on session', () => {
  it('carries the leading steps its methods prove, and nothing past the first it does not', () => {
    expect(satisfiedSteps([['password'], ['totp', 'sms']], ['password', 'sms'])).toEqual(['password', 'sms']);
    expect(satisfiedSteps([['password'], ['totp']], ['password'])).toEqual(['password']);
    expect(satisfiedSteps([['password'], ['totp']], ['totp'])).toEqual([]);
    expect(satisfiedSteps([['password']], [])).toEqual([]);
  });

  it('is a Secure cookie when the issuer is https', async () => {
    const server = await startTestServer({ logLevel: 'warn', issuer: 'https://login.example', clients: oidcClients });
    try {
      const page = await authorizeRequest(server, authorizeParams('conf').params);
      const flow = /data-flow="([^"]+)"/.exec(page.html)![1]!;
      await server.post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password }, { origin: 'https://login.example' });
      const done = await server.post('/authorize/complete', { flow }, { origin: 'https://login.example' });
      expect(done.headers.getSetCookie()[0]).toMatch(/^mfa_login_sso=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await server.stop();
    }
  });

  it('is the same session for a second client over plain http', async () => {
    const server = await startTestServer({ logLevel: 'warn', clients: oidcClients });
    try {
      const page = await authorizeRequest(server, authorizeParams('conf').params);
      const { cookie } = await signInOnHostedPage(server, page.html);
      const second = await authorizeRequest(server, authorizeParams('pub').params, cookie);
      expect(second.location!.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await server.stop();
    }
  });
});
