import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from './browser.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const contentType = (file: string) => `${TYPES[path.extname(file)] ?? 'text/plain'}; charset=utf-8`;

/** The example in the README's place of the server: `http://localhost:3000`. */
const PLACEHOLDER = 'http://localhost:3000';

type Site = { server: Server; origin: string };

/** Serves a folder as a static site would, with the mfa-login server's URL put in. */
function serveFolder(root: string, serverUrl: () => string): Promise<Site> {
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

async function closeSite(site: Site | undefined): Promise<void> {
  site?.server.closeAllConnections();
  await new Promise((resolve) => site?.server.close(resolve));
}

/** Builds an example as its README says, with Vite and the example's own config if it has one. */
async function buildExample(folder: string, outDir: string): Promise<string> {
  const root = path.resolve('examples', folder);
  const config = path.join(root, 'vite.config.ts');
  await build({
    root,
    configFile: existsSync(config) ? config : false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic' } },
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** The sign-in every example shows: password, a new authenticator app, backup codes saved. */
async function signIn(page: Page, login: TestServer): Promise<void> {
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password', { exact: true }).fill(login.demo!.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const secret = ((await page.locator('mfa-login').locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  await page.getByLabel('Code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByLabel('I have saved these codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The example's own heading, not the element's done screen ("You are signed in").
  await page.getByRole('heading', { name: 'Signed in', exact: true }).waitFor();
}

/** The id_token the page shows, decoded: the server's own, for the page's client. */
async function shownClaims(page: Page): Promise<Record<string, unknown>> {
  const token = (await page.locator('#id-token').textContent()) ?? '';
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  expect(claims).toMatchObject({ aud: 'shop', amr: ['pwd', 'otp', 'mfa'], preferred_username: 'alice' });
  expect(await page.locator('#who').textContent()).toBe(claims.name ?? 'alice');
  return claims;
}

describe('the examples, signed in through in Chromium', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let login: TestServer;
  let site: Site;
  let react: Site;
  let vue: Site;
  let svelte: Site;
  const built = mkdtempSync(path.join(tmpdir(), 'mfa-login-examples-'));

  beforeAll(async () => {
    chromium = await launchChromium();
    site = await serveFolder(path.resolve('examples/plain-html'), () => login.url);
    react = await serveFolder(await buildExample('react', path.join(built, 'react')), () => login.url);
    vue = await serveFolder(await buildExample('vue', path.join(built, 'vue')), () => login.url);
    svelte = await serveFolder(await buildExample('svelte', path.join(built, 'svelte')), () => login.url);
  });
  // A server of its own for each example: alice starts again without an authenticator app.
  beforeEach(async () => {
    login = await startTestServer({
      logLevel: 'warn',
      clients: [
        { clientId: 'shop', name: 'Shop', allowedOrigins: [site, react, vue, svelte].map((s) => s.origin), sequence: [['password'], ['totp']] },
      ],
    });
  });
  afterEach(async () => {
    await login?.stop();
  });
  afterAll(async () => {
    await chromium?.close();
    await closeSite(site);
    await closeSite(react);
    await closeSite(vue);
    await closeSite(svelte);
    rmSync(built, { recursive: true, force: true });
  });

  it('plain HTML: from the password and a new authenticator app to the id_token on the page', async () => {
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/`);
    // The page's own help link, in the card's footer slot.
    await page.getByRole('link', { name: 'Trouble signing in?' }).waitFor();
    await signIn(page, login);
    expect(await page.locator('mfa-login').isHidden()).toBe(true);
    await shownClaims(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  const frameworks = [
    ['React 19', () => react],
    ['Vue 3', () => vue],
    ['Svelte 5', () => svelte],
  ] as const;
  it.each(frameworks)('%s: the built app renders the element, hears mfa-login-complete and shows the id_token', async (_name, app) => {
    const page = await chromium.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Any failed load but the favicon the example does not have.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
    });
    await page.goto(`${app().origin}/`);
    await signIn(page, login);
    // The app replaced the element with its own markup on the event.
    expect(await page.locator('mfa-login').count()).toBe(0);
    await shownClaims(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
