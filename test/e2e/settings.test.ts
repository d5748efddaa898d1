import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { totpAt } from '../support/login.js';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

const shots = path.resolve('test-results');
mkdirSync(shots, { recursive: true });

/** Short waits: every step answers at once from a local server, so a hang fails fast. */
const STEP_MS = 10_000;

describe('changing sign-in methods in <mfa-login-settings> on the demo page', () => {
  const demo = demoPageEachTest({ stepTimeoutMs: STEP_MS });
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
  });

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

  /** Alice enrols an authenticator in her first login; answers its secret and her backup codes. */
  async function firstLogin(): Promise<{ secret: string; codes: string[] }> {
    await expect.poll(() => page.locator('#demo-password').textContent()).toBe(server.demo!.password);
    await signInWithPassword();
    await login().getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = ((await login().locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await login()
      .getByLabel('Code')
      .fill(await generate({ secret }));
    await login().getByRole('button', { name: 'Verify' }).click();
    const codes = await saveShownCodes(login());
    await verifiedClaims();
    return { secret, codes };
  }

  /** The settings ask alice to confirm it is her: a code from her authenticator, in a later time step. */
  async function confirmWithAuthenticator(secret: string) {
    await settings().getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    server.advance(30);
    await settings()
      .getByLabel('Code')
      .fill(await totpAt(secret, server.services.now()));
    await settings().getByRole('button', { name: 'Verify' }).click();
  }

  async function verifiedClaims(): Promise<Record<string, unknown>> {
    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: STEP_MS }).toMatch(/Signature verified/);
    return JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
  }

  it('a new code from the settings signs alice in; a code from her enrolment no longer does', async () => {
    const { secret, codes: enrolmentCodes } = await firstLogin();

    await settings().getByRole('heading', { name: 'Your sign-in methods' }).waitFor();
    await settings().getByText('10 codes left').waitFor();
    await settings().getByRole('button', { name: 'Make new backup codes' }).click();
    await settings().getByText('the old ones stop working at once').waitFor();
    await settings().getByRole('button', { name: 'Make new backup codes' }).click();
    await confirmWithAuthenticator(secret);
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

  it('adds an authenticator and changes the phone after one step-up, and tells alice of each', async () => {
    const { secret } = await firstLogin();
    await settings().getByRole('heading', { name: 'Your sign-in methods' }).waitFor();
    await settings().getByRole('button', { name: 'Add another authenticator app' }).click();
    await confirmWithAuthenticator(secret);
    const fresh = ((await settings().locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    expect(fresh).not.toBe(secret);
    await settings()
      .getByLabel('Code')
      .fill(await totpAt(fresh, server.services.now()));
    await settings().getByRole('button', { name: 'Verify' }).click();
    await settings().getByText('Your authenticator app is added.').waitFor();

    // The grant from the step-up still holds: the phone changes without confirming again.
    await settings().getByRole('button', { name: 'Change phone number' }).click();
    await settings().getByLabel('Mobile number').fill('+12015550199');
    await settings().getByRole('button', { name: 'Send code to this number' }).click();
    const texted = async () => (await server.get('/api/v1/dev/outbox?to=%2B12015550199')).body.messages[0]?.body ?? '';
    await expect.poll(texted, { timeout: STEP_MS }).toMatch(/\d{6} is your/);
    await settings()
      .getByLabel('Code')
      .fill(/(\d{6}) is your/.exec(await texted())![1]!);
    await settings().getByRole('button', { name: 'Verify' }).click();
    await settings().getByText('Your phone number is changed.').waitFor();
    await page.screenshot({ path: path.join(shots, 'settings-phone-changed.png'), fullPage: true });

    const mail = (await server.get('/api/v1/dev/outbox?to=alice%40example.com')).body.messages.map((m: { body: string }) => m.body);
    expect(mail.join('\n')).toMatch(/authenticator app was added to your .* account/);
    expect(mail.join('\n')).toMatch(/phone number for your .* account was changed/);
    const oldPhone = (await server.get('/api/v1/dev/outbox?to=%2B12015550123')).body.messages.map((m: { body: string }) => m.body);
    expect(oldPhone.join('\n')).toMatch(/phone number for your .* account was changed/);
    const user = await server.services.store.findUserByUsername('alice');
    expect(user!.phone).toBe('+12015550199');
  }, 60_000);
});
