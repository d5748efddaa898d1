import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

describe('the demo page under its Content-Security-Policy', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(() => void ({ server, page } = demo));

  /** Every CSP report the page raised, read from the page (the listener is added before load). */
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);

  it('is styled from files alone: no inline style is refused, the elements are themed', async () => {
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const answer = await page.goto(server.url + '/');
    expect(answer!.headers()['content-security-policy']).toMatch(/(^|;)style-src 'self'(;|$)/);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).waitFor();

    // The page's stylesheet reached both elements: their accent is the page's.
    const accent = (selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).getPropertyValue('--mfa-login-accent').trim());
    expect(await accent('mfa-login')).toBe('#2557d6');
    expect(await accent('mfa-login-settings')).toBe('#2557d6');
    // The element's own styles (adopted stylesheets) apply: its button is not the browser's default.
    const button = page.getByRole('button', { name: 'Set up authenticator app' });
    expect(await button.evaluate((el) => getComputedStyle(el).borderRadius)).not.toBe('0px');
    expect(await violations()).toEqual([]);
    expect(refused).toEqual([]);
  });
});
