import '../../widget/mfa-login.js';
import type { MfaLogin } from '../../widget/mfa-login.js';
import type { FakeServer } from './fake-server.js';

const mounted: HTMLElement[] = [];

/** Puts a fresh `<mfa-login>` on the page and waits until its first answer is on screen. */
export async function mount(attributes: Record<string, string> = { 'client-id': 'demo' }) {
  const el = document.createElement('mfa-login');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  mounted.push(el);
  await settle(el);
  return el;
}

export function cleanUp(server?: FakeServer): void {
  for (const el of mounted.splice(0)) el.remove();
  server?.uninstall();
  sessionStorage.clear();
}

export async function until(condition: () => boolean, what: string, timeout = 2000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits for the call under way (if any) to be answered and rendered. */
export async function settle(el: MfaLogin): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await until(() => !el.flow.busy, 'the server call to finish');
  await el.updateComplete;
  await el.updateComplete;
}

export function $<T extends Element = HTMLElement>(el: MfaLogin, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in:\n${text(el)}`);
  return found;
}

export function has(el: MfaLogin, selector: string): boolean {
  return el.shadowRoot!.querySelector(selector) !== null;
}

export function text(el: MfaLogin): string {
  return (el.shadowRoot!.querySelector('.card') as HTMLElement | null)?.textContent ?? '';
}

export function title(el: MfaLogin): string {
  return $(el, '.title').textContent!.trim();
}

/** Every heading on show, the sections' and a step-up's own included (either element). */
export const headings = (el: HTMLElement): string[] => [...el.shadowRoot!.querySelectorAll('.title')].map((h) => h.textContent!.trim());

/** The button or link whose visible text is `label`. */
export function control(el: MfaLogin, label: string | RegExp): HTMLButtonElement {
  const all = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button, a')];
  const found = all.find((b) => (typeof label === 'string' ? b.textContent!.trim() === label : label.test(b.textContent!)));
  if (!found) throw new Error(`no button "${label}"; there are: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
}

export async function click(el: MfaLogin, label: string | RegExp): Promise<void> {
  control(el, label).click();
  await settle(el);
}

/** Types into the field labelled `label`, the way the label ties them (for/id). */
export function fill(el: MfaLogin, label: string, value: string): HTMLInputElement {
  const labels = [...el.shadowRoot!.querySelectorAll('label')];
  const tag = labels.find((l) => l.textContent!.trim() === label);
  if (!tag) throw new Error(`no field labelled "${label}"; labels: ${labels.map((l) => l.textContent!.trim()).join(' | ')}`);
  const input = el.shadowRoot!.getElementById(tag.htmlFor) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return input;
}

/** Submits the screen's form as Enter would, so the browser's validation runs first. */
export async function submit(el: MfaLogin): Promise<void> {
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await settle(el);
}

export function field(el: MfaLogin, label: string): HTMLInputElement {
  const tag = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === label);
  if (!tag) throw new Error(`no field labelled "${label}"`);
  return el.shadowRoot!.getElementById(tag.htmlFor) as HTMLInputElement;
}

export function alertText(el: MfaLogin): string {
  // Layout whitespace only: a no-break space the element chose (a number and its unit) stays.
  return $(el, '[role="alert"]')
    .textContent!.replace(/[ \t\n\r]+/g, ' ')
    .trim();
}

export function focused(el: MfaLogin): Element | null {
  return el.shadowRoot!.activeElement;
}
