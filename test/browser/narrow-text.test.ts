import { equal, match, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, cleanUp, headings, until } from './fixture.js';
import { LOGIN, showLogin } from './screens.js';
import { me, mountSettings, TOKEN, unmountAll } from './settings-fixture.js';
import type { MfaLogin } from '../../widget/mfa-login.js';

/** Text on a narrow card: what wraps, where, and what it must keep together. */

const screen = (name: string) => LOGIN.find((s) => s.name === name)!;
const box = (e: Element) => e.getBoundingClientRect();

/** The element narrowed to `width` px, as on a small phone or beside a sidebar, laid out again. */
async function narrowed<T extends HTMLElement & { updateComplete: Promise<boolean> }>(el: T, width: number): Promise<T> {
  el.style.width = `${width}px`;
  await el.updateComplete;
  return el;
}

describe('text on a narrow card', () => {
  let server: FakeServer | undefined;
  afterEach(() => {
    cleanUp(server);
    unmountAll();
  });

  it('keeps the “I have saved these codes” box square, in the element’s size, when its label wraps', async () => {
    let el: MfaLogin;
    ({ el, server } = await showLogin(screen('backup-codes'), { lang: 'de' }));
    await narrowed(el, 240);
    const label = $(el, '.check label');
    ok(box(label).height > 1.5 * parseFloat(getComputedStyle(label).lineHeight), 'the label wraps');
    const check = box($(el, '#saved'));
    // 1.25em of the element's 16 px, not of the 13.33 px an input has of its own.
    equal(Math.round(check.width), 20);
    equal(Math.round(check.height), 20);
  });

  it('starts each line of a link that wraps where the link starts, as text does, not centred', async () => {
    let el: MfaLogin;
    ({ el, server } = await showLogin(screen('totp with the choice of other methods'), {}));
    await narrowed(el, 150);
    const link = $(el, '[part="footer"] button');
    const range = document.createRange();
    range.selectNodeContents(link);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    const starts = [...new Set(lines.map((r) => Math.round(r.top)))];
    ok(starts.length >= 2, `the link wraps (${starts.length} line)`);
    for (const line of lines) ok(Math.abs(line.left - box(link).left) < 1, `a line at ${line.left}, the link at ${box(link).left}`);
  });

  it('keeps the example phone number and “z. B.” whole in the hint', async () => {
    let el: MfaLogin;
    ({ el, server } = await showLogin(screen('sms, new number'), { lang: 'de' }));
    const hint = $(el, '#phone-hint').textContent!;
    match(hint, /z\.\u00a0B\. \+49\u00a0151\u00a023456789\./);
  });

  it('keeps the time a code is valid until, and the wait for a new one, each on one line', async () => {
    let el: MfaLogin;
    ({ el, server } = await showLogin(screen('sms, code sent'), {}));
    const notes = [...el.shadowRoot!.querySelectorAll('.note')].map((n) => n.textContent!).join(' | ');
    match(notes, /in \d+\u00a0s\./);
    match(notes, /valid until \d{1,2}:\d{2}\u00a0[AP]M\./);
  });

  it('breaks Japanese lines between phrases', async () => {
    let el: MfaLogin;
    ({ el, server } = await showLogin(screen('totp with the choice of other methods'), { lang: 'ja' }));
    equal(getComputedStyle($(el, '.title')).wordBreak, 'auto-phrase');
  });

  it('breaks a heading’s long word rather than let it run past the card', async () => {
    server = new FakeServer().on('/api/v1/me', { body: me() }).install();
    const el = await mountSettings({ 'id-token': TOKEN, lang: 'de' });
    await until(() => headings(el)[0] === 'Ihre Anmeldemethoden', `the German heading (now ${headings(el).join(' | ')})`, 4000);
    await narrowed(el, 170);
    const title = el.shadowRoot!.querySelector<HTMLElement>('.title')!;
    ok(title.scrollWidth <= title.clientWidth + 1, `${title.scrollWidth} in ${title.clientWidth}`);
  });
});
