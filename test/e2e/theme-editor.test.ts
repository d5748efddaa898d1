import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoPageEachTest } from './browser.js';

// Evaluated, not added as a <script>: the page's CSP refuses inline scripts, rightly.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('the demo’s ready themes and theme editor', () => {
  const demo = demoPageEachTest();
  let page: Page;
  beforeEach(async () => {
    ({ page } = demo);
    await page.locator('mfa-login').locator('.title').waitFor();
  });

  // Page scripts as text: this project's Node type checking knows no DOM.
  const card = (property: string) =>
    page.evaluate<string>(`getComputedStyle(document.querySelector('mfa-login').shadowRoot.querySelector('.card')).${property}`);
  const button = (property: string) =>
    page.evaluate<string>(`getComputedStyle(document.querySelector('mfa-login').shadowRoot.querySelector('button.primary')).${property}`);
  const inline = () => page.evaluate<string>(`document.querySelector('mfa-login').style.cssText`);
  const css = () => page.locator('#theme-css').textContent();

  async function axeViolations(): Promise<string[]> {
    await page.evaluate(axeSource);
    return page.evaluate<string[]>(`axe.run(document.querySelector('mfa-login'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).join(' ')))`);
  }

  it('applies the rounded brand theme at once, AA-clean, with its CSS to copy, under the page’s CSP', async () => {
    await page.addInitScript(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective));
    `);
    await page.reload();
    await page.getByLabel('Preset').selectOption('rounded');
    expect(await card('borderTopLeftRadius')).toBe('22px');
    expect(await card('backgroundColor')).toBe('rgb(251, 250, 246)');
    expect(await button('backgroundColor')).toBe('rgb(15, 118, 110)');
    expect(await page.locator('#demo-theme').inputValue()).toBe('light');
    expect(await page.locator('mfa-login').getAttribute('theme')).toBe('light');
    expect(await css()).toContain('  --mfa-login-radius: 22px;\n');
    expect(await css()).toContain('/* On the elements: theme="light" */');
    expect(await axeViolations()).toEqual([]);
    expect(await page.evaluate('window.cspViolations')).toEqual([]);
  });

  it('changes a property from its field, live, and shows it in the CSS', async () => {
    await page.getByText('Edit the theme and copy its CSS').click();
    await page.getByLabel('Accent', { exact: true }).fill('#8a1c7c');
    expect(await button('backgroundColor')).toBe('rgb(138, 28, 124)');
    expect(await css()).toContain('  --mfa-login-accent: #8a1c7c;\n');
    await page.getByLabel('Corner radius').fill('4');
    expect(await card('borderTopLeftRadius')).toBe('4px');
    expect(await css()).toContain('  --mfa-login-radius: 4px;\n');
    // The settings element takes the same theme.
    expect(await page.evaluate<string>(`document.querySelector('mfa-login-settings').style.getPropertyValue('--mfa-login-radius')`)).toBe('4px');
  });

  it('goes dark with the dark theme, and back to the element’s own look with the default', async () => {
    await page.getByLabel('Preset').selectOption('rounded');
    await page.getByLabel('Preset').selectOption('dark');
    expect(await page.locator('mfa-login').getAttribute('theme')).toBe('dark');
    expect(await card('backgroundColor')).toBe('rgb(22, 27, 36)');
    expect(await inline()).toBe('');
    expect(await css()).toBe('/* On the elements: theme="dark" */\n');
    expect(await axeViolations()).toEqual([]);

    await page.getByLabel('Preset').selectOption('default');
    expect(await page.locator('mfa-login').getAttribute('theme')).toBe('auto');
    expect(await inline()).toBe('');
    expect(await css()).toMatch(/Nothing to set/);
  });

  it('copies the CSS', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByLabel('Preset').selectOption('rounded');
    await page.getByText('Edit the theme and copy its CSS').click();
    await page.getByRole('button', { name: 'Copy CSS' }).click();
    await expect.poll(() => page.locator('#css-copied').textContent()).toBe('Copied.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await css());
    await page.locator('section.login').screenshot({ path: path.resolve('test-results', 'theme-editor.png') });
  });
});
