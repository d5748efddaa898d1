import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile; fails (never skips) when it is missing. */
export async function launchChromium(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH.`);
  const profile = mkdtempSync(path.join(tmpdir(), 'mfa-login-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };

export interface DemoPage {
  server: TestServer;
  page: Page;
}

/**
 * Registers the hooks every demo-page suite needs: one Chromium for the suite, and for each test
 * a fresh server (its own SQLite file) with the demo page open in a new tab.
 */
export function demoPageEachTest(options: { stepTimeoutMs?: number } = {}): DemoPage {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const current = {} as DemoPage;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());
  beforeEach(async () => {
    current.server = await startTestServer({ logLevel: 'warn' });
    current.page = await chromium.browser.newPage();
    if (options.stepTimeoutMs) current.page.setDefaultTimeout(options.stepTimeoutMs);
    await current.page.goto(`${current.server.url}/`);
  });
  afterEach(async () => {
    await current.page?.close();
    await current.server?.stop();
  });
  return current;
}
