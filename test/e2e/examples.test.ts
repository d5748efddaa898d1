import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from './browser.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const contentType = (file: string) => `${TYPES[path.extname(file)] ?? 'text/plain'}; charset=utf-8`;

/** The example in the README's place of the server: `http://localhost:3000`. */
const PLACEHOLDER = 'http://localhost:3000';

/** Serves an example folder as a static site would, with the mfa-login server's URL put in. */
function serveExample(folder: string, serverUrl: () => string): Promise<{ server: Server; origin: string }> {
  const root = path.resolve('examples', folder);
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const name = new URL(req.url ?? '/', 'http://site').pathname.replace(/^\/$/, '/index.html');
      const file = path.join(root, path.normalize(name));
      if (!file.startsWith(root)) return void res.writeHead(404).end();
      try {
        const body = readFileSync(file, 'utf8').replaceAll(PLACEHOLDER, serverUrl());
        res.writeHead(200, { 'content-type': contentType(file) }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

describe('the examples, signed in through in Chromium', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let login: TestServer;
  let site: { server: Server; origin: string };

  beforeAll(async () => {
    chromium = await launchChromium();
    site = await serveExample('plain-html', () => login.url);
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

  it('plain HTML: from the password and a new authenticator app to the id_token on the page', async () => {
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/`);
    // The page's own help link, in the card's footer slot.
    await page.getByRole('link', { name: 'Trouble signing in?' }).waitFor();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(login.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = ((await page.locator('mfa-login').locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
    expect(await page.locator('mfa-login').isHidden()).toBe(true);
    const token = (await page.locator('#id-token').textContent()) ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: 'shop', amr: ['pwd', 'otp', 'mfa'], preferred_username: 'alice' });
    expect(await page.locator('#who').textContent()).toBe(claims.name ?? 'alice');
    expect(errors).toEqual([]);
    await page.close();
  });
});
