import '../../widget/mfa-login.js';
import '../../widget/mfa-login-settings.js';
import type { MfaLoginSettings } from '../../widget/mfa-login-settings.js';
import { DpopKey } from '../../widget/settings/dpop.js';
import type { Me } from '../../widget/settings/types.js';
import { until } from './fixture.js';
import { fakeIdToken } from './states.js';

/** Helpers for `<mfa-login-settings>` tests; the element under test is the only one mounted. */

export const TOKEN = fakeIdToken({ sub: 'u-1', aud: 'demo', amr: ['pwd', 'otp', 'mfa'] });

/** The settings grant a step-up handed over, in tests that are about the changes themselves. */
export const GRANT = fakeIdToken({ sub: 'u-1', aud: 'http://issuer.test/api/v1/me', client_id: 'demo' });

/** A synced passkey, made on 1 Nov 2026 and not used since. */
export const PASSKEY = { id: 'p-1', name: 'MacBook', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: null, synced: true };
/** A trusted browser, trusted on 1 Nov 2026 and not used since. */
export const DEVICE = {
  id: 'd-1',
  name: 'Chrome on Linux',
  createdAt: '2026-11-01T10:00:00.000Z',
  lastUsedAt: null,
  expiresAt: '2026-12-01T10:00:00.000Z',
};

export function me(overrides: Partial<Me['factors']> = {}): Me {
  return {
    user: { username: 'alice', displayName: 'Alice' },
    factors: {
      password: true,
      totp: { enrolled: true, authenticators: [{ id: 'a-1', name: 'Phone', createdAt: '2026-11-01T10:00:00.000Z', lastUsedAt: null }] },
      sms: { phone: '+1 ••• ••• 0123', disabled: false },
      email: { address: 'a•••@example.com' },
      backupCodes: { remaining: 7 },
      passkeys: [],
      ...overrides,
    },
    freshUntil: new Date(Date.now() + 300_000).toISOString(),
  };
}

const mounted: HTMLElement[] = [];

/**
 * Mounts the element; `confirmed` hands it a settings grant as a finished step-up would (the
 * step-up itself is tested in settings-step-up.test.ts).
 */
export async function mountSettings(
  attributes: Record<string, string> = { 'id-token': TOKEN },
  { confirmed = true } = {},
): Promise<MfaLoginSettings> {
  const el = document.createElement('mfa-login-settings');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  mounted.push(el);
  await settle(el);
  if (confirmed && attributes['id-token']) {
    el.settings.key = await DpopKey.create();
    el.settings.granted(GRANT, 300);
    await settle(el);
  }
  return el;
}

export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** Waits for the call under way (if any) to be answered and rendered. */
export async function settle(el: MfaLoginSettings): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await until(() => !el.settings.busy, 'the server call to finish');
  await el.updateComplete;
  await el.updateComplete;
}

/** Records the headers of every fetch, which the fake server leaves out. */
export function recordHeaders(): Headers[] {
  const seen: Headers[] = [];
  const inner = window.fetch;
  window.fetch = (input, init) => {
    seen.push(new Headers(init?.headers));
    return inner(input, init);
  };
  return seen;
}

export const $ = <T extends Element = HTMLElement>(el: MfaLoginSettings, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in:\n${text(el)}`);
  return found;
};

export const text = (el: MfaLoginSettings): string => (el.shadowRoot!.querySelector('.card') as HTMLElement).textContent;

export const title = (el: MfaLoginSettings): string => $(el, '.title').textContent!.trim();

export function control(el: MfaLoginSettings, label: string): HTMLButtonElement {
  const all = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button, a')];
  const found = all.find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"; there are: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
}

export async function click(el: MfaLoginSettings, label: string): Promise<void> {
  control(el, label).click();
  await settle(el);
}

export function field(el: MfaLoginSettings, label: string): HTMLInputElement {
  const tag = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === label);
  if (!tag) throw new Error(`no field labelled "${label}"`);
  return el.shadowRoot!.getElementById(tag.htmlFor) as HTMLInputElement;
}

/** Types into the labelled field and submits its form as Enter would. */
export async function enter(el: MfaLoginSettings, label: string, value: string): Promise<void> {
  const input = field(el, label);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.form!.requestSubmit();
  await settle(el);
}

/** Each factor row as "name: state". */
export function factors(el: MfaLoginSettings): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part="factors"] > li')].map(
    (li) => `${li.querySelector('.factor-name')!.textContent!.trim()}: ${li.querySelector('.factor-state')!.textContent!.trim()}`,
  );
}

export const status = (el: MfaLoginSettings): string => $(el, '[role="status"]').textContent!.trim();
