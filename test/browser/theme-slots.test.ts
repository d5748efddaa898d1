import { emulateMedia } from '@web/test-runner-commands';
import { equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, cleanUp, mount } from './fixture.js';
import { passwordStep } from './states.js';

const cardColour = (el: HTMLElement) => getComputedStyle($(el as never, '.card')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';

describe('theme', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(async () => {
    cleanUp(server);
    await emulateMedia({ colorScheme: 'light' });
  });

  it('follows prefers-color-scheme by default, and the theme attribute over it', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount();
    ok(cardColour(el) !== WHITE, `dark card under a dark system: ${cardColour(el)}`);
    el.setAttribute('theme', 'light');
    await el.updateComplete;
    equal(cardColour(el), WHITE);
    await emulateMedia({ colorScheme: 'light' });
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    ok(cardColour(el) !== WHITE, 'dark when asked, under a light system');
  });

  it('takes the page’s colours in both themes', async () => {
    const el = await mount({ 'client-id': 'demo', theme: 'dark' });
    el.style.setProperty('--mfa-login-background', 'rgb(1, 2, 3)');
    equal(cardColour(el), 'rgb(1, 2, 3)');
  });
});

describe('slots', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('shows the page’s logo, header and footer in the card, in that order around the screen', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const el = await mount();
    for (const name of ['logo', 'header', 'footer']) {
      const part = document.createElement('p');
      part.slot = name;
      part.textContent = `the ${name}`;
      el.append(part);
    }
    const slots = [...el.shadowRoot!.querySelectorAll('slot')].map((slot) => [slot.name, slot.assignedElements().map((e) => e.textContent)]);
    equal(
      JSON.stringify(slots),
      JSON.stringify([
        ['logo', ['the logo']],
        ['header', ['the header']],
        ['footer', ['the footer']],
      ]),
    );
    const title = $(el as never, '.title');
    const [logo, , footer] = [...el.children].slice(-3) as HTMLElement[];
    ok(logo!.getBoundingClientRect().bottom <= title.getBoundingClientRect().top, 'the logo above the title');
    ok(footer!.getBoundingClientRect().top >= title.getBoundingClientRect().bottom, 'the footer below it');
  });
});
