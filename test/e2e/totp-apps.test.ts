import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { totpAt } from '../support/login.js';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

const STEP_MS = 10_000;

/** A six-digit code that none of `secret`'s steps around now produces. */
async function wrongCodeFor(secret: string, now: Date): Promise<string> {
  const near = await Promise.all([-90, -60, -30, 0, 30, 60, 90].map((d) => totpAt(secret, new Date(now.getTime() + d * 1000))));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c))!;
}

describe('several authenticator apps on the demo page', () => {
  const demo = demoPageEachTest({ stepTimeoutMs: STEP_MS });
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
  });

  const login = () => page.locator('mfa-login');
  const settings = () => page.locator('mfa-login-settings');
  const shownSecret = async (within: ReturnType<typeof login>) => ((await within.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  const qrSrc = (within: ReturnType<typeof login>) => within.locator('img.qr').getAttribute('src');

  async function signInWithPassword() {
    await expect.poll(() => page.locator('#demo-password').textContent()).toBe(server.demo!.password);
    await login().getByLabel('Username').fill('alice');
    await login().getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await login().getByRole('button', { name: 'Continue' }).click();
  }

  async function saveCodes(within: ReturnType<typeof login>) {
    await within.getByRole('heading', { name: 'Save your backup codes' }).waitFor();
    await within.getByLabel('I have saved these codes').check();
    await within.getByRole('button', { name: 'Continue' }).click();
  }

  it('keeps the QR code after a mistyped code at enrolment: the next code from the same app signs in', async () => {
    await signInWithPassword();
    await login().getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = await shownSecret(login());
    const qr = await qrSrc(login());
    expect(qr).toMatch(/^data:image\/png;base64,/);

    await login()
      .getByLabel('Code')
      .fill(await wrongCodeFor(secret, server.services.now()));
    await login().getByRole('button', { name: 'Verify' }).click();
    await login().getByRole('alert').getByText('That code is not right.').waitFor();
    // Same secret, same QR code: nothing to scan again.
    expect(await shownSecret(login())).toBe(secret);
    expect(await qrSrc(login())).toBe(qr);

    await login()
      .getByLabel('Code')
      .fill(await generate({ secret }));
    await login().getByRole('button', { name: 'Verify' }).click();
    await saveCodes(login());
    await login().getByRole('heading', { name: 'You are signed in' }).waitFor();
    const user = (await server.services.store.findUserByUsername('alice'))!;
    const keyring = server.services.keyring;
    const [app] = await server.services.store.listTotp(user.id);
    expect(keyring.open(app!.sealedSecret, `totp-seed:${user.id}`)).toBe(secret);
  }, 60_000);

  it('adds a second app under a name after a mistyped code, removes the first, and signs in with the second', async () => {
    await signInWithPassword();
    await login().getByRole('button', { name: 'Set up authenticator app' }).click();
    const first = await shownSecret(login());
    await login()
      .getByLabel('Code')
      .fill(await generate({ secret: first }));
    await login().getByRole('button', { name: 'Verify' }).click();
    await saveCodes(login());

    await settings().getByRole('heading', { name: 'Your sign-in methods' }).waitFor();
    await settings().getByRole('button', { name: 'Add another authenticator app' }).click();
    await settings().getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    server.advance(30);
    await settings()
      .getByLabel('Code')
      .fill(await totpAt(first, server.services.now()));
    await settings().getByRole('button', { name: 'Verify' }).click();

    const second = await shownSecret(settings());
    expect(second).not.toBe(first);
    const qr = await qrSrc(settings());
    await settings().getByLabel('Name of this app').fill('Tablet');
    await settings()
      .getByLabel('Code')
      .fill(await wrongCodeFor(second, server.services.now()));
    await settings().getByRole('button', { name: 'Verify' }).click();
    await settings().getByRole('alert').getByText('That code is not right.').waitFor();
    expect(await shownSecret(settings())).toBe(second);
    expect(await qrSrc(settings())).toBe(qr);
    await expect.poll(() => settings().getByLabel('Name of this app').inputValue()).toBe('Tablet');

    await settings()
      .getByLabel('Code')
      .fill(await totpAt(second, server.services.now()));
    await settings().getByRole('button', { name: 'Verify' }).click();
    await settings().getByText('Your authenticator app is added.').waitFor();
    const apps = settings().locator('[part="totp-apps"] li');
    await expect.poll(() => apps.allTextContents()).toEqual([expect.stringContaining('Authenticator'), expect.stringContaining('Tablet')]);

    // Remove the first: confirm, and it is gone; the last one has no Remove.
    await apps.nth(0).getByRole('button', { name: 'Remove' }).click();
    await settings().getByText('Codes from “Authenticator” will stop working at once.').waitFor();
    await settings().getByRole('button', { name: 'Remove' }).click();
    await settings().getByText('Your authenticator apps are updated.').waitFor();
    await expect.poll(() => apps.allTextContents()).toEqual([expect.stringContaining('Tablet')]);
    expect(await apps.nth(0).getByRole('button', { name: 'Remove' }).count()).toBe(0);

    const mail = (await server.get('/api/v1/dev/outbox?to=alice%40example.com')).body.messages.map((m: { body: string }) => m.body);
    expect(mail.join('\n')).toMatch(/authenticator app was removed from your .* account/);

    // A later login: the removed app's code is refused, the remaining one's accepted.
    await page.getByRole('button', { name: 'Sign out / start again' }).click();
    server.advance(30);
    await signInWithPassword();
    await login()
      .getByLabel('Code')
      .fill(await totpAt(first, server.services.now()));
    await login().getByRole('button', { name: 'Verify' }).click();
    await login().getByRole('alert').getByText('That code is not right.').waitFor();
    await login()
      .getByLabel('Code')
      .fill(await totpAt(second, server.services.now()));
    await login().getByRole('button', { name: 'Verify' }).click();
    await login().getByRole('heading', { name: 'You are signed in' }).waitFor();
  }, 60_000);
});
