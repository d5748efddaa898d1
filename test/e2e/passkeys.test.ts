import type { CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { register } from '../support/soft-authenticator.js';

/**
 * Passkeys on the demo page in Chromium, with a CDP virtual authenticator (a platform
 * authenticator that keeps discoverable credentials and verifies the user). The page runs on
 * `localhost`, the RP id, since an IP address cannot be one.
 *
 * The demo's first step takes a passkey, so its password screen asks the browser to list passkeys
 * under the username field (conditional UI). Headless Chromium shows no autofill list; its virtual
 * authenticator answers such a request at once, with the passkey it holds, while it simulates the
 * user's presence (as a user picking it), and refuses it at once when it holds none. With presence
 * off the request waits, as it does for a user who types a password instead.
 */
describe('passkeys in Chromium', () => {
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let server: TestServer;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let pageErrors: string[];
  const widget = () => page.locator('mfa-login');

  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());
  beforeEach(async () => {
    server = await startTestServer({ logLevel: 'warn', passkeys: { rpId: 'localhost' } });
    page = await chromium.browser.newPage();
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.url.replace('127.0.0.1', 'localhost')}/`);
  });
  afterEach(async () => {
    // An aborted or refused conditional request is caught, never an unhandled rejection.
    expect(pageErrors).toEqual([]);
    await page?.close();
    await server?.stop();
  });

  async function password(username = 'alice', secret = server.demo!.password) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  async function claims() {
    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: 15_000 }).toMatch(/verified/i);
    return JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
  }

  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

  /** Off: the authenticator answers no request until it is on again (a conditional one keeps waiting). */
  const presence = (enabled: boolean) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });

  /** Each `navigator.credentials.get()` of the page from its next load on: how it asked, and how it ended. */
  const recordRequests = () =>
    page.addInitScript(`
      window.webauthnRequests = [];
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options) => {
        const call = { mediation: options?.mediation ?? 'optional', allowCredentials: options?.publicKey?.allowCredentials?.length ?? 0, outcome: 'waiting' };
        window.webauthnRequests.push(call);
        const answer = get(options);
        answer.then(() => (call.outcome = 'answered'), (error) => (call.outcome = error.name));
        return answer;
      };
    `);
  const requests = () => page.evaluate<unknown[]>('window.webauthnRequests');
  const conditionalWaiting = { mediation: 'conditional', allowCredentials: 0, outcome: 'waiting' };
  const conditionalAborted = { ...conditionalWaiting, outcome: 'AbortError' };

  /** A fresh page whose user does not pick a passkey from the username field. */
  async function reload() {
    await presence(false);
    await page.reload();
  }

  /** Alice signs in with her password and a texted code, then makes a passkey when offered. */
  async function registerPasskey(again = true) {
    await password();
    await page.getByRole('button', { name: /Text message/ }).click();
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code').waitFor();
    const outbox = await server.get('/api/v1/dev/outbox?to=%2B12015550123');
    await page.getByLabel('Code').fill(/(\d{6}) is your/.exec(outbox.body.messages[0].body)![1]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByLabel('I have saved these codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await widget().getByText('Sign in faster next time?').waitFor();
    await page.getByRole('button', { name: 'Make a passkey' }).click();
    expect((await claims()).amr).toEqual(['pwd', 'sms', 'mfa']);
    expect(await credentials()).toHaveLength(1);
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    expect(await server.services.store.listPasskeys(alice.id)).toMatchObject([{ name: expect.stringMatching(/^Passkey/), backupEligible: false }]);
    if (again) await reload();
  }

  async function usePasskey() {
    await widget().getByRole('button', { name: 'Passkey', exact: true }).click();
    await presence(true);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
  }

  it('makes a passkey after a complete sign-in, then signs in with it as the second factor', async () => {
    await registerPasskey(false);
    await recordRequests();
    await reload();
    await expect.poll(requests).toEqual([conditionalWaiting]);
    // Submitting the password ends the request waiting in the username field: the browser takes the next one.
    await password();
    await widget().getByText('Signing in as Alice Liddell').waitFor();
    await expect.poll(requests).toEqual([conditionalAborted]);
    await usePasskey();
    const token = await claims();
    expect(token.amr.sort()).toEqual(['hwk', 'mfa', 'pwd', 'user']);
    expect(token.methods).toEqual(['password', 'passkey']);
  });

  it('speaks the page’s language on the passkey screen, from the module beside the script', async () => {
    await registerPasskey();
    await page.getByLabel('Language').selectOption('de');
    await widget().getByRole('button', { name: 'Passkey', exact: true }).click();
    await widget().getByRole('heading', { name: 'Mit Passkey anmelden' }).waitFor();
    await presence(true);
    await page.getByRole('button', { name: 'Passkey verwenden' }).click();
    expect((await claims()).methods).toEqual(['passkey']);
  });

  it('signs in without a password: a user-verifying passkey alone, where the client allows it', async () => {
    await registerPasskey(false);
    await recordRequests();
    await reload();
    await expect.poll(requests).toEqual([conditionalWaiting]);
    // Choosing the passkey screen ends the request waiting in the username field.
    await widget().getByRole('button', { name: 'Passkey', exact: true }).click();
    await expect.poll(requests).toEqual([conditionalAborted]);
    await presence(true);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    const token = await claims();
    expect(token).toMatchObject({ preferred_username: 'alice', amr: ['hwk', 'user', 'mfa'], methods: ['passkey'] });
    expect(await requests()).toEqual([conditionalAborted, { mediation: 'optional', allowCredentials: 0, outcome: 'answered' }]);
  });

  it('lists passkeys under the username field only where the first step takes one', async () => {
    const username = page.getByLabel('Username');
    await expect.poll(() => username.getAttribute('autocomplete')).toBe('username webauthn');
    // The demo's `pwd` sequence is a password alone.
    await widget().evaluate((element) => {
      const login = element as unknown as { acr: string; restart(): Promise<void> };
      login.acr = 'pwd';
      return login.restart();
    });
    await expect.poll(() => username.getAttribute('autocomplete')).toBe('username');
  });

  it('signs in with the passkey the browser offers in the username field (conditional UI)', async () => {
    await registerPasskey(false);
    await recordRequests();
    const options = page.waitForResponse('**/api/v1/flows/passkey/options');
    // Presence on: the authenticator answers the conditional request, as a user picking the passkey.
    await page.reload();
    // A discoverable passkey: the server names none.
    expect((await (await options).json()).passkeyOptions).toMatchObject({ rpId: 'localhost', allowCredentials: [] });
    const token = await claims();
    expect(token).toMatchObject({ preferred_username: 'alice', amr: ['hwk', 'user', 'mfa'], methods: ['passkey'] });
    expect(await requests()).toEqual([{ ...conditionalWaiting, outcome: 'answered' }]);
  });

  it('ends the request waiting in the username field on a wrong password (then asks again) and when the element leaves the page', async () => {
    await registerPasskey(false);
    await recordRequests();
    await reload();
    await expect.poll(requests).toEqual([conditionalWaiting]);
    await password('alice', 'not-her-password');
    await widget().getByText('The username or password is not right.').waitFor();
    await expect.poll(requests).toEqual([conditionalAborted, conditionalWaiting]);
    await widget().evaluate((element) => element.remove());
    await expect.poll(requests).toEqual([conditionalAborted, conditionalAborted]);
  });

  it('does not ask again once the browser refused the request (no passkey here), also after a wrong password', async () => {
    await recordRequests();
    await page.reload();
    await expect.poll(requests).toEqual([{ ...conditionalWaiting, outcome: 'NotAllowedError' }]);
    const options: string[] = [];
    page.on('request', (request) => void (request.url().endsWith('/passkey/options') && options.push(request.url())));
    await password('alice', 'not-her-password');
    await widget().getByText('The username or password is not right.').waitFor();
    await password();
    await widget().getByText('Signing in as Alice Liddell').waitFor();
    expect(options).toEqual([]);
    expect(await requests()).toHaveLength(1);
  });

  it("refuses alice's passkey in bob's sign-in", async () => {
    await registerPasskey();
    const { store, passwords, now, config } = server.services;
    const bob = await store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: await passwords.hash('bob-password-1') }, now());
    // Bob has a passkey of his own, elsewhere: the step offers passkeys and names his only.
    const { response } = register(
      { rp: { id: 'localhost' }, user: { id: Buffer.from(bob.id).toString('base64url') }, challenge: 'x' },
      new URL(config.issuer).origin,
    );
    await store.createPasskey(
      {
        userId: bob.id,
        credentialId: response.id,
        publicKey: 'AA',
        counter: 0,
        transports: [],
        backupEligible: false,
        backedUp: false,
        name: 'Bob’s',
      },
      now(),
    );
    // The browser is talked into answering with any passkey it has: alice's.
    await page.route('**/api/v1/flows/passkey/options', async (route) => {
      const answer = await route.fetch();
      const body = await answer.json();
      delete body.passkeyOptions.allowCredentials;
      await route.fulfill({ response: answer, json: body });
    });
    await password('bob', 'bob-password-1');
    await widget().getByText('Signing in as Bob').waitFor();
    await usePasskey();
    await widget().getByText('The username or password is not right.').waitFor();
    expect(await page.locator('#verify-status').textContent()).not.toMatch(/verified/i);
  });

  it('refuses a passkey that was removed', async () => {
    await registerPasskey();
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    const [stored] = await server.services.store.listPasskeys(alice.id);
    await server.services.store.deletePasskey(alice.id, stored!.id);
    await usePasskey();
    await widget().getByText('The username or password is not right.').waitFor();
  });

  it('adds, renames and removes passkeys in the settings after a step-up; a removed one no longer signs in', async () => {
    await registerPasskey(false);
    const settings = page.locator('mfa-login-settings');
    const alice = (await server.services.store.findUserByUsername('alice'))!;
    await settings.getByRole('heading', { name: 'Passkeys' }).waitFor();
    await settings.getByLabel('Passkey name').fill('Work laptop');
    await settings.getByRole('button', { name: 'Rename' }).click();
    // The step-up, with the passkey itself.
    await settings.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    await settings.getByRole('button', { name: 'Use a passkey' }).click();
    await settings.getByText('Your passkeys are updated.').waitFor();
    expect(await server.services.store.listPasskeys(alice.id)).toMatchObject([{ name: 'Work laptop' }]);
    await expect.poll(() => settings.getByLabel('Passkey name').inputValue()).toBe('Work laptop');
    // Kept, to be put back after the new passkey (same user) has taken its place in the authenticator.
    const [removed] = await credentials();

    await settings.getByRole('button', { name: 'Remove Work laptop' }).click();
    await expect.poll(() => server.services.store.listPasskeys(alice.id)).toEqual([]);
    await expect.poll(() => settings.getByLabel('Passkey name').count()).toBe(0);

    // The grant still holds: a new passkey is made without confirming again.
    await settings.getByRole('button', { name: 'Create a passkey' }).click();
    await expect.poll(async () => (await server.services.store.listPasskeys(alice.id)).length).toBe(1);
    await expect.poll(() => settings.getByLabel('Passkey name').count()).toBe(1);
    const [made] = await credentials();
    expect(made!.credentialId).not.toBe(removed!.credentialId);

    // Only the removed passkey is left in the browser: the login refuses it.
    await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: made!.credentialId });
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: removed! });
    await reload();
    await usePasskey();
    await widget().getByText('The username or password is not right.').waitFor();
    expect(await page.locator('#verify-status').textContent()).not.toMatch(/verified/i);
  });

  it('refuses a cloned passkey: a signature counter that went back', async () => {
    await registerPasskey();
    await usePasskey();
    await claims();
    const [used] = await credentials();
    expect(used!.signCount).toBeGreaterThan(0);
    // The same key on another authenticator that signed less often: its counter is behind.
    await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId: used!.credentialId });
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: { ...used!, signCount: 0 } });
    await reload();
    await usePasskey();
    await widget().getByText('The username or password is not right.').waitFor();
    expect(server.logs()).toContain('possible cloned authenticator');
  });
});
