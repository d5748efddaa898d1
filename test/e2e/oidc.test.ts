import { type ChildProcess, spawn } from 'node:child_process';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTotp, totpAt } from '../support/login.js';
import { startLandingServer } from '../support/relying-party.js';
import { freePort } from '../support/free-port.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from './browser.js';

const SECRET = 'rp-secret-rp-secret-rp-secret';

/**
 * The hosted login page driven by relying-party libraries nobody here wrote: openid-client as a
 * confidential client, oauth4webapi as a public one, Chromium doing what a person would.
 */
describe('the OpenID Provider with real relying-party libraries', () => {
  let server: TestServer;
  let rp: Awaited<ReturnType<typeof startLandingServer>>;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let totpSecret: string;
  let refused: string[];

  beforeEach(async () => {
    rp = await startLandingServer();
    server = await startTestServer({
      logLevel: 'warn',
      clients: [
        {
          clientId: 'rp',
          name: 'Example RP',
          clientSecret: SECRET,
          redirectUris: [`${rp.url}/callback`],
          postLogoutRedirectUris: [`${rp.url}/signed-out`],
          acrSequences: { pwd: [['password']] },
          logoUri: `${rp.url}/logo.svg`,
          cssUri: `${rp.url}/login-theme.css`,
        },
        { clientId: 'spa', name: 'Single-page app', public: true, redirectUris: [`${rp.url}/spa/callback`] },
      ],
    });
    // Alice has an authenticator already; the clock moves on so its next code is a new one.
    totpSecret = (await enrolTotp(server)).secret;
    server.advance(30);
    chromium = await launchChromium();
    page = await chromium.browser.newPage();
    refused = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
  });

  afterEach(async () => {
    await chromium?.close();
    await server?.stop();
    await rp?.close();
  });

  async function rpConfig() {
    return client.discovery(new URL(server.url), 'rp', undefined, client.ClientSecretBasic(SECRET), { execute: [client.allowInsecureRequests] });
  }

  async function typePassword() {
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  async function typeTotp() {
    await page.getByLabel('Code').fill(await totpAt(totpSecret, server.services.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
  }

  /** Opens `url` in Chromium (null: stays on the page open now), runs `steps` and answers where the browser lands at the RP. */
  async function landAt(url: URL | string | null, steps: () => Promise<void> = async () => {}): Promise<URL> {
    if (url) await page.goto(url.toString());
    await steps();
    await page.waitForURL((u) => u.toString().startsWith(rp.url), { timeout: 20_000 });
    return new URL(page.url());
  }

  it('signs alice in for openid-client with password and TOTP, then single sign-on, userinfo and logout', async () => {
    const config = await rpConfig();
    const meta = config.serverMetadata();
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.acr_values_supported).toEqual(expect.arrayContaining(['mfa', 'pwd']));

    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${rp.url}/callback`,
      scope: 'openid profile email phone',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
      state,
    });
    const answer = await page.goto(url.toString());
    const csp = answer!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Example RP' }).count()).toBe(1);
    // Themed by the client's own stylesheet, from its own origin, which the page's CSP allows.
    expect(csp).toContain(`style-src 'self' ${rp.url}`);
    await expect
      .poll(() => page.evaluate<string>("getComputedStyle(document.querySelector('mfa-login')).getPropertyValue('--mfa-login-accent').trim()"))
      .toBe('rgb(1, 128, 2)');
    // The flow handle is nowhere in the address bar.
    expect(page.url()).toBe(url.toString());
    const landed = await landAt(null, async () => {
      await typePassword();
      await typeTotp();
    });
    expect(landed.pathname).toBe('/callback');
    expect(landed.searchParams.get('iss')).toBe(server.url);

    const tokens = await client.authorizationCodeGrant(config, landed, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: server.url, aud: 'rp', nonce, acr: 'mfa', preferred_username: 'alice' });
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    const [header] = tokens.access_token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ typ: 'at+jwt' });

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, preferred_username: 'alice', phone_number: '+12015550123', phone_number_verified: true });

    // The access token is for /userinfo only: the self-service API refuses it, for reads and changes.
    const me = await server.get('/api/v1/me', { authorization: `Bearer ${tokens.access_token}` });
    expect(me.status).toBe(401);
    const change = await server.post('/api/v1/me/backup-codes', {}, { authorization: `Bearer ${tokens.access_token}` });
    expect(change.status).toBe(401);

    // Single sign-on: prompt=none answers from the session, without the page.
    const again = client.randomPKCECodeVerifier();
    const silent = await landAt(
      client.buildAuthorizationUrl(config, {
        redirect_uri: `${rp.url}/callback`,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(again),
        code_challenge_method: 'S256',
        prompt: 'none',
        state: 'silent',
      }),
    );
    const second = await client.authorizationCodeGrant(config, silent, { pkceCodeVerifier: again, expectedState: 'silent' });
    expect(second.claims()).toMatchObject({ sub: claims.sub, acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], auth_time: claims.auth_time });

    // RP-initiated logout ends the session; prompt=none then answers login_required.
    const out = await landAt(
      client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rp.url}/signed-out`, state: 'bye' }),
    );
    expect(`${out.origin}${out.pathname}`).toBe(`${rp.url}/signed-out`);
    expect(out.searchParams.get('state')).toBe('bye');
    const after = await landAt(
      client.buildAuthorizationUrl(config, {
        redirect_uri: `${rp.url}/callback`,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
        prompt: 'none',
        state: 's3',
      }),
    );
    expect(after.searchParams.get('error')).toBe('login_required');
    expect(after.searchParams.get('state')).toBe('s3');
    expect(refused).toEqual([]);
  });

  it('signs alice in for oauth4webapi as a public client with PKCE alone', async () => {
    const issuer = new URL(server.url);
    const as = await oauth
      .discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    const spa: oauth.Client = { client_id: 'spa' };
    const redirectUri = `${rp.url}/spa/callback`;
    const verifier = oauth.generateRandomCodeVerifier();
    const nonce = oauth.generateRandomNonce();
    const url = new URL(as.authorization_endpoint!);
    url.search = new URLSearchParams({
      client_id: 'spa',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
      ui_locales: 'de-AT en',
    }).toString();
    await page.goto(url.toString());
    expect(await page.locator('mfa-login').getAttribute('lang')).toBe('de-AT');
    await page.getByLabel('Benutzername').fill('alice');
    await page.getByLabel('Passwort', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Code').fill(await totpAt(totpSecret, server.services.now()));
    const landed = await landAt(null, () => page.getByRole('button', { name: 'Bestätigen' }).click());

    const params = oauth.validateAuthResponse(as, spa, landed, oauth.expectNoState);
    const response = await oauth.authorizationCodeGrantRequest(as, spa, oauth.None(), params, redirectUri, verifier, {
      [oauth.allowInsecureRequests]: true,
    });
    const result = await oauth.processAuthorizationCodeResponse(as, spa, response, { expectedNonce: nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    expect(claims).toMatchObject({ aud: 'spa', acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], preferred_username: 'alice' });
    const info = await oauth.userInfoRequest(as, spa, result.access_token, { [oauth.allowInsecureRequests]: true });
    expect(await oauth.processUserInfoResponse(as, spa, claims.sub, info)).toMatchObject({ sub: claims.sub, name: expect.any(String) });
    expect(refused).toEqual([]);
  });

  it('starts afresh for the same request when the person chooses "Not you? Start again" on the hosted page', async () => {
    const config = await rpConfig();
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${rp.url}/callback`,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'again',
    });
    await page.goto(url.toString());
    await typePassword();
    await page.getByRole('button', { name: 'Not you? Start again' }).click();
    await page.getByLabel('Username').waitFor();
    const landed = await landAt(null, async () => {
      await typePassword();
      await typeTotp();
    });
    const tokens = await client.authorizationCodeGrant(config, landed, { pkceCodeVerifier: verifier, expectedState: 'again' });
    expect(tokens.claims()).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('asks a password-only session for the missing second factor alone, then issues mfa', async () => {
    const config = await rpConfig();
    const code = async (params: Record<string, string>, steps?: () => Promise<void>) => {
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${rp.url}/callback`,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: 'st',
        ...params,
      });
      const landed = await landAt(url, steps);
      return (await client.authorizationCodeGrant(config, landed, { pkceCodeVerifier: verifier, expectedState: 'st' })).claims()!;
    };
    const pwd = await code({ acr_values: 'pwd' }, typePassword);
    expect(pwd).toMatchObject({ acr: 'pwd', amr: ['pwd'] });

    const mfa = await code({}, async () => {
      await page.getByLabel('Code').waitFor();
      expect(await page.getByLabel('Username').count()).toBe(0);
      await typeTotp();
    });
    expect(mfa).toMatchObject({ sub: pwd.sub, acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });

    // prompt=login asks for everything again, although the session would do.
    server.advance(30);
    const fresh = await code({ prompt: 'login' }, async () => {
      await typePassword();
      await typeTotp();
    });
    expect(fresh.auth_time).toBeGreaterThan(mfa.auth_time as number);
  });
});

describe('examples/oidc-rp, the Express app using openid-client', () => {
  let server: TestServer;
  let app: ChildProcess;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;

  afterEach(async () => {
    app?.kill();
    await chromium?.close();
    await server?.stop();
  });

  it('signs alice in through the hosted page and out again', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startTestServer({
      logLevel: 'warn',
      clients: [
        { clientId: 'rp', name: 'Example RP', clientSecret: SECRET, redirectUris: [`${base}/callback`], postLogoutRedirectUris: [`${base}/`] },
      ],
    });
    const { secret } = await enrolTotp(server);
    server.advance(30);
    app = spawn(process.execPath, ['examples/oidc-rp/app.js'], {
      env: { ...process.env, ISSUER: server.url, CLIENT_ID: 'rp', CLIENT_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', BASE_URL: base },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      app.stdout!.on('data', (chunk: Buffer) => String(chunk).includes('Example RP on') && resolve());
      app.once('exit', (code) => reject(new Error(`the example exited with ${code}`)));
    });
    chromium = await launchChromium();
    const page = await chromium.browser.newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Code').fill(await totpAt(secret, server.services.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Signed in as alice' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('body').textContent()).toContain('amr pwd otp mfa');
    await page.getByRole('link', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(page.url()).toBe(`${base}/`);
  });
});
