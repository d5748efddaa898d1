import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from './browser.js';

/** An integrator's page on another origin that loads the drop-in bundle from the server. */
function startSite(page: (origin: string, query: URLSearchParams) => string): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, new URL(req.url ?? '/', 'http://site').searchParams));
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

describe('the drop-in bundle on an integrator’s page', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let login: TestServer;
  let site: { server: Server; origin: string };

  beforeAll(async () => {
    chromium = await launchChromium();
    // The site's port must be known before the client lists it: start the site first.
    site = await startSite(
      (_origin, query) => `<!doctype html><html lang="${query.get('lang') === 'ja' ? 'ja' : 'en'}"><title>Shop</title>
        <script type="module" src="${login.url}/widget/mfa-login.js"></script>
        <mfa-login server="${login.url}" client-id="shop" nonce="shop-nonce"></mfa-login>
        <output id="token"></output>
        <script>document.addEventListener('mfa-login-complete', (e) => { document.getElementById('token').textContent = e.detail.idToken; });</script>`,
    );
    login = await startTestServer({
      logLevel: 'warn',
      clients: [{ clientId: 'shop', name: 'Shop', allowedOrigins: [site.origin], sequence: [['password'], ['totp']] }],
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await login?.stop();
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
  });

  it('logs in across origins and hands the page an id_token for its client', async () => {
    const page = await chromium.browser.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));
    await page.goto(`${site.origin}/`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(login.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = ((await page.locator('mfa-login').locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#token').textContent(), { timeout: 10_000 }).toMatch(/^ey/);
    const claims = JSON.parse(Buffer.from(((await page.locator('#token').textContent()) ?? '').split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'shop', nonce: 'shop-nonce', amr: ['pwd', 'otp', 'mfa'] });
    // One self-contained file: nothing else to vendor, pin or lose to a newer build.
    expect(scripts).toEqual(['/widget/mfa-login.js']);
    await page.close();
  });

  it('speaks the page’s language from the module beside the script, loaded from the server', async () => {
    const page = await chromium.browser.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));
    await page.goto(`${site.origin}/?lang=ja`);
    await expect.poll(() => page.locator('mfa-login').locator('.title').textContent()).toBe('サインイン');
    await page.getByLabel('ユーザー名').fill('alice');
    await page.getByLabel('パスワード', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: '続行' }).click();
    await expect.poll(() => page.locator('mfa-login').getByRole('alert').textContent()).toMatch(/ユーザー名またはパスワードが正しくありません。/);
    // English is inside the script; Japanese is the one module beside it, and nothing else.
    expect(scripts).toEqual(['/widget/mfa-login.js', '/widget/i18n/ja.js']);
    const module = await fetch(`${login.url}/widget/i18n/ja.js`);
    expect(module.headers.get('access-control-allow-origin')).toBe('*');
    expect(await module.text()).not.toMatch(/\bimport\b/);
    await page.close();
  });

  it('serves the drop-in scripts for revalidation, so a new build reaches pages at once', async () => {
    for (const file of ['mfa-login.js', 'mfa-login-settings.js']) {
      const res = await fetch(`${login.url}/widget/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('etag')).toBeTruthy();
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.text()).not.toMatch(/\bfrom\s*["']\.\//);
    }
  });

  it('refuses a page whose origin the client does not list', async () => {
    const other = await startSite(
      () =>
        `<!doctype html><script type="module" src="${login.url}/widget/mfa-login.js"></script><mfa-login server="${login.url}" client-id="shop"></mfa-login>`,
    );
    const page = await chromium.browser.newPage();
    await page.goto(`${other.origin}/`);
    // The browser withholds the refusal from the page (no CORS grant), so the element reports it cannot reach the server.
    await expect.poll(async () => (await page.locator('mfa-login [role="alert"]').allTextContents()).join(''), { timeout: 10_000 }).not.toBe('');
    await page.screenshot({ path: 'test-results/embed-refused.png' });
    expect(await page.getByLabel('Username').count()).toBe(0);
    await page.close();
    other.server.closeAllConnections();
    await new Promise((resolve) => other.server.close(resolve));
  });
});
