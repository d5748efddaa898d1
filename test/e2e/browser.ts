import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Chromium's launch lives in test/support, so that the bench starts it the same way.
export { chromiumPath, launchChromium } from '../support/chromium.js';

export type { Browser };

export interface DemoPage {
  server: TestServer;
  page: Page;
}

/**
 * Registers the hooks every demo-page suite needs: one Chromium for the suite, and for each test
 * a fresh server (its own SQLite file) with the demo page open in a new tab.
 */
export function demoPageEachTest(options: { stepTimeoutMs?: number; trustDevices?: boolean } = {}): DemoPage {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const current = {} as DemoPage;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());
  beforeEach(async () => {
    current.server = await startTestServer({ logLevel: 'warn' }, { trustDevices: options.trustDevices });
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
