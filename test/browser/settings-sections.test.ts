import { equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { cleanUp, headings, until } from './fixture.js';
import { DEVICE, me, mountSettings, PASSKEY, TOKEN, unmountAll } from './settings-fixture.js';

/** The passkeys and the trusted devices under the factors: sections of their own, not run into the list. */

const box = (e: Element) => e.getBoundingClientRect();

describe('<mfa-login-settings> sections under the factors', () => {
  let server: FakeServer | undefined;
  afterEach(() => {
    cleanUp(server);
    unmountAll();
  });

  it('sets the passkeys and the trusted devices off from what is above them, each under a smaller heading', async () => {
    server = new FakeServer()
      .on('/api/v1/me', { body: me({ passkeys: [PASSKEY] }) })
      .on('/api/v1/me/devices', { body: { devices: [DEVICE] } })
      .install();
    const el = await mountSettings({ 'id-token': TOKEN });
    await until(() => headings(el).includes('Trusted devices'), `the devices section (now ${headings(el).join(' | ')})`, 4000);
    const sections = [...el.shadowRoot!.querySelectorAll('section')];
    equal(sections.map((s) => s.querySelector('.title')!.textContent!.trim()).join(' | '), 'Passkeys | Trusted devices');
    const cardTitle = el.shadowRoot!.querySelector('.title')!;
    for (const section of sections) {
      const style = getComputedStyle(section);
      equal(style.borderTopStyle, 'solid', 'a rule over each section');
      ok(parseFloat(style.borderTopWidth) >= 1);
      // What comes before it (the factor list's last button, the passkeys' list) ends well above its rule.
      const before = section.previousElementSibling!;
      ok(box(section).top - box(before).bottom >= 8, `${box(before).bottom} then ${box(section).top}`);
      const heading = section.querySelector('.title')!;
      ok(box(heading).top - box(section).top >= 8, 'the heading clear of the rule');
      ok(parseFloat(getComputedStyle(heading).fontSize) < parseFloat(getComputedStyle(cardTitle).fontSize), 'a section heading under the card’s');
      equal(section.getAttribute('part'), 'section');
    }
  });

  it('shows a passkey’s name as a field like the element’s others, its Rename button under it', async () => {
    server = new FakeServer().on('/api/v1/me', { body: me({ passkeys: [PASSKEY] }) }).install();
    const el = await mountSettings({ 'id-token': TOKEN });
    await until(() => !!el.shadowRoot!.querySelector('section input[name="name"]'), 'the passkey’s name field', 4000);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('section input[name="name"]')!;
    // The attribute, not the property: the element's field rule selects on it.
    equal(input.getAttribute('type'), 'text');
    equal(input.value, 'MacBook');
    const style = getComputedStyle(input);
    // The field rule of the element's other inputs (2.75em high, padded, its border and radius), not the browser's own.
    equal(parseFloat(style.minHeight), 2.75 * parseFloat(style.fontSize));
    ok(parseFloat(style.paddingLeft) >= 8, style.paddingLeft);
    // Its text as any field's, not in the bold of a factor's name.
    equal(style.fontWeight, '400');
    const rename = input.form!.querySelector('button')!;
    ok(box(rename).top >= box(input).bottom + 4, `${box(input).bottom} then ${box(rename).top}`);
  });
});
