import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { totpAt } from '../support/login.js';
import type { TestServer } from '../support/server.js';
import { demoPageEachTest } from './browser.js';

interface Focused {
  tag: string;
  name: string;
}

/** What has focus, through shadow roots: its tag and its label or text (in the page, as a string: no DOM types here). */
const FOCUSED = `(() => {
  let at = document.activeElement;
  while (at && at.shadowRoot && at.shadowRoot.activeElement) at = at.shadowRoot.activeElement;
  if (!at) return { tag: '', name: '' };
  const label = (at.labels && at.labels[0] && at.labels[0].textContent) || '';
  return { tag: at.localName, name: (label || at.textContent || '').replace(/\\s+/g, ' ').trim() };
})()`;

const focused = (page: Page) => page.evaluate<Focused>(FOCUSED);

/** Whether the page, or the sign-in card, would scroll sideways. */
const SIDEWAYS = `(() => {
  const card = document.querySelector('mfa-login').shadowRoot.querySelector('.card');
  return {
    page: document.documentElement.scrollWidth > innerWidth,
    card: card.scrollWidth > card.clientWidth || card.getBoundingClientRect().right > innerWidth,
  };
})()`;

const sideways = (page: Page) => page.evaluate<{ page: boolean; card: boolean }>(SIDEWAYS);

describe('the sign-in with the keyboard alone, at 200 % zoom', () => {
  const demo = demoPageEachTest();
  let server: TestServer;
  let page: Page;
  beforeEach(async () => {
    ({ server, page } = demo);
    // A 1280 px wide window at 200 % zoom lays out in 640 CSS px.
    await page.setViewportSize({ width: 640, height: 450 });
  });

  /** Presses Tab until `what` has focus; fails if it takes more than `most` presses (it cannot be reached). */
  async function tabTo(what: { tag?: string; name: string | RegExp }, most = 12) {
    for (let i = 0; i <= most; i++) {
      const now = await focused(page);
      const named = typeof what.name === 'string' ? now.name === what.name : what.name.test(now.name);
      if (named && (!what.tag || now.tag === what.tag)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${what.tag ?? ''} “${what.name}”; last at ${JSON.stringify(await focused(page))}`);
  }

  async function expectFlat() {
    expect(await sideways(page)).toEqual({ page: false, card: false });
  }

  it('goes from the password to a freshly enrolled app, backup codes and the id_token with Tab, typing, Space and Enter', async () => {
    await expect.poll(() => page.locator('#demo-password').textContent()).toBe(server.demo!.password);
    await page.locator('mfa-login').locator('.title').waitFor();
    await expectFlat();
    await tabTo({ tag: 'input', name: 'Username' }, 20);
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input', name: 'Password' });
    await page.keyboard.type(server.demo!.password);
    await page.keyboard.press('Enter');

    // A new screen: focus on its heading, the way on with Tab.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', name: 'Set up an authenticator app' });
    await expectFlat();
    await tabTo({ tag: 'button', name: 'Set up authenticator app' });
    await page.keyboard.press('Enter');

    // The same screen's next step: focus in the code field.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'Code' });
    await expectFlat();
    const secret = ((await page.locator('mfa-login').locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await page.keyboard.type(await totpAt(secret, server.services.now()));
    await page.keyboard.press('Enter');

    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', name: 'Save your backup codes' });
    await expectFlat();
    await tabTo({ tag: 'input', name: 'I have saved these codes' });
    await page.keyboard.press('Space');
    await tabTo({ tag: 'button', name: 'Continue' });
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('#verify-status').textContent(), { timeout: 15_000 }).toMatch(/verified/i);
    const claims = JSON.parse((await page.locator('#token-claims').textContent()) ?? '{}');
    expect(claims).toMatchObject({ aud: 'demo', preferred_username: 'alice', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('picks another method and sends a text message code from the keyboard', async () => {
    await page.locator('mfa-login').locator('.title').waitFor();
    await tabTo({ tag: 'input', name: 'Username' }, 20);
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.demo!.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', name: 'Set up an authenticator app' });
    await tabTo({ tag: 'button', name: /Text message/ });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', name: 'Verify with a text message' });
    await tabTo({ tag: 'button', name: 'Send code' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'Code' });
    await expectFlat();
    const outbox = await server.get('/api/v1/dev/outbox?to=%2B12015550123');
    const code = /(\d{6}) is your/.exec(outbox.body.messages[0].body)![1]!;
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h2', name: 'Save your backup codes' });
  });
});
