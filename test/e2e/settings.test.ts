import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

const shots = path.resolve('test-results');
mkdirSync(shots, { recursive: true });

/** Short waits: every step answers at once from a local server, so a hang fails fast. */
const STEP_MS = 10_000;

describe('making new backup codes in <mfa-login-settings> on the demo page', () => {
  const demo = demoPageEachTest({ stepTimeoutMs: STEP_MS });
  let server: TestServer;
  let page: Page;
  beforeEach(() => void ({ server, page } = demo));

  const login = () => page.locator('mfa-login');
  const settings = () => page.locator('mfa-login-settings');

  async function signInWithPassword() {
    await login().getByLabel('Username').fill('alice');
    await login().getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await login().getByRole('button', { name: 'Continue' }).click();
  }

  /** The codes on a "Save your backup codes" screen, as the user reads them, then saved. */
  async function saveShownCodes(within: Locator): Promise<string[]> {
    await within.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
    const codes = (await within.getByRole('listitem').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/i);
    await within.getByLabel('I have saved these codes').check();
    await within.getByRole('button', { name: 'Continue' }).click();
    return codes;
  }

  async function verifiedClaims(): Promise<Record<string, unknown>> {
    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: STEP_MS }).toMatch(/Signature verified/);
    return JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
  }

  it('a new code from the settings signs alice in; a code from her enrolment no longer does', async () => {
    await expect.poll(() => page.locator('#demo-password').textContent()).toBe(server.demo!.password);
    await signInWithPassword();
    await login().getByRole('button', { name: 'Set up authenticator app' }).click();
    const key = login().locator('code.secret');
    const secret = ((await key.textContent()) ?? '').replace(/\s/g, '');
    await login().getByLabel('Code').fill(await generate({ secret }));
    await login().getByRole('button', { name: 'Verify' }).click();
    const enrolmentCodes = await saveShownCodes(login());
    await verifiedClaims();

    await settings().getByRole('heading', { name: 'Your sign-in methods' }).waitFor();
    await settings().getByText('10 codes left').waitFor();
    await settings().getByRole('button', { name: 'Make new backup codes' }).click();
    await settings().getByText('the old ones stop working at once').waitFor();
    await settings().getByRole('button', { name: 'Make new backup codes' }).click();
    const newCodes = await saveShownCodes(settings());
    expect(newCodes.filter((c) => enrolmentCodes.includes(c))).toEqual([]);
    await settings().getByText('Your new backup codes are ready. The old ones no longer work.').waitFor();
    await settings().getByText('10 codes left').waitFor();
    await page.screenshot({ path: path.join(shots, 'settings-new-codes.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out / start again' }).click();
    await signInWithPassword();
    await login().getByRole('button', { name: 'Backup code' }).click();
    await login().getByLabel('Backup code').fill(enrolmentCodes[0]!);
    await login().getByRole('button', { name: 'Verify' }).click();
    await login().getByRole('alert').getByText('That code is not right.').waitFor();

    await login().getByLabel('Backup code').fill(newCodes[3]!);
    await login().getByRole('button', { name: 'Verify' }).click();
    await login().getByRole('heading', { name: 'You are signed in' }).waitFor();
    const claims = await verifiedClaims();
    expect(claims).toMatchObject({ aud: 'demo', preferred_username: 'alice', methods: ['password', 'backup_code'] });
    await settings().getByText('9 codes left').waitFor();
  }, 60_000);
});
