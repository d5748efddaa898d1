import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolTotp, totpAt } from '../support/login.js';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

describe('"Trust this device" in Chromium', () => {
  const demo = demoPageEachTest({ trustDevices: true });
  let server: TestServer;
  let page: Page;
  beforeEach(() => {
    ({ server, page } = demo);
    lastClaims = '';
  });

  async function signInWithPassword() {
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password', { exact: true }).fill(server.demo!.password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  async function typeTotp(secret: string) {
    // One code per time step: the login before may have used this one.
    server.advance(30);
    await page.getByLabel('Code').fill(await totpAt(secret, server.services.now()));
    await page.getByRole('button', { name: 'Verify' }).click();
  }

  let lastClaims = '';
  /** The claims of the id_token the demo page verified, once a new one is there. */
  async function claims(): Promise<{ amr: string[]; methods: string[] }> {
    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: 15_000 }).toMatch(/verified/i);
    await expect.poll(() => page.locator('#token-claims').textContent(), { timeout: 15_000 }).not.toBe(lastClaims);
    lastClaims = (await page.locator('#token-claims').textContent()) ?? '';
    return JSON.parse(lastClaims || '{}');
  }

  async function signOut() {
    await page.locator('#restart').click();
    await page.getByLabel('Username').waitFor();
  }

  /** What IndexedDB holds for the element, read in the page: the key must not be extractable. */
  const storedKeys = () =>
    page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('mfa-login', 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const store = open.result.transaction('devices').objectStore('devices');
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () =>
          resolve(values.result.map((v, i) => ({ slot: String(keys.result[i]), extractable: v.key.extractable, type: v.key.type })));
      };
    })`) as Promise<{ slot: string; extractable: boolean; type: string }[]>;

  it('trusts the device after a full login, skips the second step next time, and asks again once revoked', async () => {
    const { secret } = await enrolTotp(server);
    await page.reload();

    await signInWithPassword();
    await typeTotp(secret);
    await page.getByRole('heading', { name: 'Trust this device for 30 days?' }).waitFor();
    // The page hears of the sign-in only once the offer is answered.
    expect(await page.locator('#verify-status').textContent()).not.toMatch(/verified/i);
    await page.getByRole('button', { name: 'Trust this device' }).click();
    expect((await claims()).amr).toEqual(['pwd', 'otp', 'mfa']);
    const keys = await storedKeys();
    expect(keys).toEqual([{ slot: `${server.url}|demo|alice`, extractable: false, type: 'private' }]);

    await signOut();
    await signInWithPassword();
    const skipped = await claims();
    expect(skipped.amr).toEqual(['pwd', 'swk', 'device', 'mfa']);
    expect(skipped.methods).toEqual(['password', 'device']);

    const alice = (await server.services.store.findUserByUsername('alice'))!;
    expect(await server.services.store.deleteTrustedDevices(alice.id)).toBe(1);
    await signOut();
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await typeTotp(secret);
    await page.getByRole('button', { name: 'Not now' }).click();
    expect((await claims()).amr).toEqual(['pwd', 'otp', 'mfa']);
  });

  it('lists the device in <mfa-login-settings>, where alice stops trusting it after confirming with her authenticator', async () => {
    const { secret } = await enrolTotp(server);
    await page.reload();
    await signInWithPassword();
    await typeTotp(secret);
    await page.getByRole('button', { name: 'Trust this device' }).click();
    await claims();

    const settings = page.locator('mfa-login-settings');
    await settings.getByRole('heading', { name: 'Trusted devices' }).waitFor();
    await settings.getByText('Chrome on Linux').waitFor();
    await settings.getByText(/not used yet/).waitFor();
    await settings.getByRole('button', { name: 'Stop trusting', exact: true }).click();
    await settings.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    // A settings step-up never takes the device: it asks for the authenticator.
    await typeTotpIn(settings, secret);
    await settings.getByText('That device will ask for your second factor again.').waitFor();
    await expect.poll(() => settings.getByRole('heading', { name: 'Trusted devices' }).count()).toBe(0);

    await signOut();
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
  });

  async function typeTotpIn(within: ReturnType<Page['locator']>, secret: string) {
    server.advance(30);
    await within.getByLabel('Code').fill(await totpAt(secret, server.services.now()));
    await within.getByRole('button', { name: 'Verify' }).click();
  }

  it('falls back to the second step when the server no longer knows the key, and forgets it', async () => {
    const { secret } = await enrolTotp(server);
    await page.reload();
    await signInWithPassword();
    await typeTotp(secret);
    await page.getByRole('button', { name: 'Trust this device' }).click();
    await claims();

    // Another browser of alice's trusted, and this one's key revoked: the device option stays, this key fails.
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    const [mine] = await server.services.store.listTrustedDevices(alice.id, server.services.now());
    await server.services.store.addTrustedDevice(
      {
        id: 'other-browser-0000000',
        userId: alice.id,
        clientId: 'demo',
        publicJwk: mine!.publicJwk,
        name: 'Firefox on Windows',
        expiresAt: mine!.expiresAt,
      },
      server.services.now(),
    );
    await server.services.store.deleteTrustedDevice(alice.id, mine!.id);
    await signOut();
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Enter the code from your authenticator app' }).waitFor();
    await expect.poll(storedKeys).toEqual([]);
  });
});
