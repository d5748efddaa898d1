import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

/**
 * The README's pictures of the enrolment screen, cropped to the element. They land in
 * test-results/ on every run, and in docs/ (the ones the README shows) with
 * MFA_LOGIN_SCREENSHOTS=docs (`npm run screenshots`): each run has a new key and QR code, so an
 * ordinary test run does not rewrite the committed pictures.
 */
const docs = process.env.MFA_LOGIN_SCREENSHOTS === 'docs';
const into = path.resolve(docs ? 'docs' : 'test-results');
mkdirSync(into, { recursive: true });

const SHOTS = [
  { file: 'enrolment.png', lang: 'en', theme: 'light', dir: 'ltr' },
  { file: 'enrolment-dark.png', lang: 'en', theme: 'dark', dir: 'ltr' },
  { file: 'enrolment-ar.png', lang: 'ar', theme: 'light', dir: 'rtl' },
];

describe('README screenshots of the enrolment screen', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(async () => {
    ({ server, page } = demo);
    // A phone-sized card keeps the pictures small and shows how most people see it.
    await page.setViewportSize({ width: 440, height: 1000 });
  });

  const login = () => page.locator('mfa-login');
  const shown = (selector: string, property: string) =>
    page.evaluate<string>(`getComputedStyle(document.querySelector('mfa-login').shadowRoot.querySelector('${selector}')).${property}`);

  for (const shot of SHOTS) {
    it(`shows the key and QR code in ${shot.lang}, ${shot.theme}: ${shot.file}`, async () => {
      await page.locator('#demo-lang').selectOption(shot.lang);
      await page.locator('#demo-theme').selectOption(shot.theme);
      await expect.poll(() => login().locator('.card').getAttribute('lang')).toBe(shot.lang);
      // By name, not by label: the same in every language.
      await login().locator('input[name="username"]').fill('alice');
      await login().locator('input[name="password"]').fill(server.demo!.password);
      await login().locator('input[name="password"]').press('Enter');
      await login().locator('button.primary').click();
      const qr = login().locator('img[part="qr"]');
      await qr.waitFor();
      await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
      await login().locator('input[name="code"]').waitFor();

      expect(await shown('.card', 'direction')).toBe(shot.dir);
      const background = await shown('.card', 'backgroundColor');
      expect(background === 'rgb(255, 255, 255)').toBe(shot.theme === 'light');
      // The field has focus on this step; the picture shows the screen as it first appears.
      await page.evaluate('document.activeElement && document.activeElement.blur()');

      const file = path.join(into, docs ? shot.file : `readme-${shot.file}`);
      await login().screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      expect(statSync(file).size).toBeLessThan(60_000);
    });
  }
});
