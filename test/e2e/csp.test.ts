import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

describe('the demo page under its Content-Security-Policy', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
  });

  // Page scripts as text: this project's Node type checking knows no DOM.
  /** Every CSP report the page raised, read from the page (the listener is added before load). */
  const violations = () => page.evaluate<string[]>('window.cspViolations ?? []');
  /** A computed style of the element `selector` finds (piercing shadow roots one level). */
  const computed = (host: string, property: string, inner?: string) =>
    page.evaluate<string>(`(() => {
      const host = document.querySelector(${JSON.stringify(host)});
      const el = ${inner ? `host.shadowRoot.querySelector(${JSON.stringify(inner)})` : 'host'};
      return getComputedStyle(el).getPropertyValue(${JSON.stringify(property)}).trim();
    })()`);

  it('is styled from files alone: no inline style is refused, the elements are themed', async () => {
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.addInitScript(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
    `);
    const answer = await page.goto(`${server.url}/`);
    expect(answer!.headers()['content-security-policy']).toMatch(/(^|;)style-src 'self'(;|$)/);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).waitFor();

    // The page's stylesheet reached both elements: their width is the page's setting.
    expect(await computed('mfa-login', '--mfa-login-max-width')).toBe('100%');
    expect(await computed('mfa-login-settings', '--mfa-login-max-width')).toBe('100%');
    // The element's own styles (adopted stylesheets) apply: its buttons are not the browser's default.
    expect(await computed('mfa-login', 'border-top-left-radius', 'button')).not.toBe('0px');
    expect(await violations()).toEqual([]);
    expect(refused).toEqual([]);
  });
});
