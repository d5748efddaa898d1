import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolTotp } from '../support/login.js';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

const shots = path.resolve('test-results');
mkdirSync(shots, { recursive: true });

describe('the demo page in Chromium', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
  });

  async function signInWithPassword() {
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  async function expectVerifiedClaims(amr: string[]) {
    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: 15_000 }).toMatch(/verified/i);
    const claims = JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
    expect(claims).toMatchObject({ aud: 'demo', preferred_username: 'alice', amr });
  }

  it('logs alice in with a password and a freshly enrolled authenticator app', async () => {
    await expect.poll(() => page.locator('#demo-password').textContent()).toBe(server.demo!.password);
    await signInWithPassword();
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const key = page.locator('mfa-login').locator('code.secret');
    await key.waitFor();
    await expect.poll(() => page.locator('mfa-login').locator('img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: path.join(shots, 'enrolment.png'), fullPage: true });
    const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByText('Save your backup codes').waitFor();
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isDisabled()).toBe(true);
    await page.getByLabel('I have saved these codes').check();
    await continueButton.click();
    await expectVerifiedClaims(['pwd', 'otp', 'mfa']);
    await page.screenshot({ path: path.join(shots, 'signed-in.png'), fullPage: true });
  });

  it('logs alice in with a text message whose code arrives in the outbox, and hands her backup codes the first time', async () => {
    await signInWithPassword();
    await page.getByRole('button', { name: /Text message/ }).click();
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').waitFor();
    const outbox = await server.get('/api/v1/dev/outbox?to=%2B12015550123');
    const code = /(\d{6}) is your/.exec(outbox.body.messages[0].body)![1]!;
    await expect.poll(() => page.locator('#messages').textContent(), { timeout: 8000 }).toContain(code);
    await page.screenshot({ path: path.join(shots, 'sms.png'), fullPage: true });
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Save your backup codes').waitFor();
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectVerifiedClaims(['pwd', 'sms', 'mfa']);
  });

  it('lets alice who lost her phone in with a backup code', async () => {
    const { done } = await enrolTotp(server);
    const backupCode: string = done.body.backupCodes[0];
    await page.reload();
    await signInWithPassword();
    await page.getByRole('button', { name: 'Backup code' }).click();
    await page.getByLabel('Backup code').fill(backupCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectVerifiedClaims(['pwd', 'otp', 'mfa']);
    const claims = JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
    expect(claims.methods).toEqual(['password', 'backup_code']);
  });

  it('resumes the flow after a page reload', async () => {
    await signInWithPassword();
    await page.getByRole('button', { name: 'Set up authenticator app' }).waitFor();
    await page.reload();
    await page.getByText('Signing in as Alice Liddell').waitFor();
    await page.getByRole('button', { name: 'Set up authenticator app' }).waitFor();
  });
});
