import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

const shots = path.resolve('test-results');
mkdirSync(shots, { recursive: true });

describe('languages and themes on the demo page', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
  });

  const title = () => page.locator('mfa-login').locator('.title').textContent();

  it('switches to Arabic and dark at once from the pickers, right to left, and signs in in it', async () => {
    await page.getByLabel('Language').selectOption('ar');
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(title).toBe('تسجيل الدخول');
    expect(await page.evaluate("getComputedStyle(document.querySelector('mfa-login')).direction")).toBe('rtl');
    await page.getByLabel('اسم المستخدم').fill('alice');
    await page.getByLabel('كلمة المرور', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'متابعة' }).click();
    await expect.poll(title).toBe('إعداد تطبيق المصادقة');
    await page.screenshot({ path: path.join(shots, 'enrolment-ar-dark.png'), fullPage: true });
  });

  it('says a wrong password in German, whatever the server’s English', async () => {
    await page.getByLabel('Language').selectOption('de');
    await expect.poll(title).toBe('Anmelden');
    await page.getByLabel('Benutzername').fill('alice');
    await page.getByLabel('Passwort', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect.poll(() => page.locator('mfa-login').getByRole('alert').textContent()).toMatch(/^\s*Benutzername oder Passwort ist falsch\./);
  });
});
