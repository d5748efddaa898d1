import { deepEqual } from './assert.js';
import { violations } from './axe.js';
import { $, cleanUp, mount } from './fixture.js';
import { LOGIN, PANELS, showLogin, showPanel } from './screens.js';
import { unmountAll } from './settings-fixture.js';
import { passwordStep } from './states.js';
import { FakeServer } from './fake-server.js';

const VARIANTS: { name: string; attributes: Record<string, string> }[] = [
  { name: 'light', attributes: { theme: 'light' } },
  { name: 'dark', attributes: { theme: 'dark' } },
  { name: 'Arabic', attributes: { theme: 'light', lang: 'ar' } },
];

describe('accessibility checks', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('see into the shadow root: a field without a label and faint text are found', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const el = await mount({ 'client-id': 'demo', theme: 'light' });
    const screen = $(el, '.screen');
    const field = screen.appendChild(document.createElement('input'));
    const faint = screen.appendChild(document.createElement('p'));
    faint.textContent = 'faint';
    faint.style.color = '#eeeeee';
    const found = (await violations(el)).map((v) => v.split(' ')[0]);
    field.remove();
    faint.remove();
    deepEqual(found, ['color-contrast', 'label']);
  });
});

for (const variant of VARIANTS) {
  describe(`accessibility (axe, WCAG 2.2 AA), ${variant.name}: <mfa-login>`, () => {
    let server: FakeServer;
    afterEach(() => cleanUp(server));

    for (const screen of LOGIN) {
      it(`has no violations on ${screen.name}`, async () => {
        let el: HTMLElement;
        ({ el, server } = await showLogin(screen, variant.attributes));
        deepEqual(await violations(el), []);
      });
    }
  });

  describe(`accessibility (axe, WCAG 2.2 AA), ${variant.name}: <mfa-login-settings>`, () => {
    let server: FakeServer | undefined;
    afterEach(() => {
      unmountAll();
      server?.uninstall();
    });

    for (const panel of PANELS) {
      it(`has no violations on ${panel.name}`, async () => {
        let el: HTMLElement;
        ({ el, server } = await showPanel(panel, variant.attributes));
        deepEqual(await violations(el), []);
      });
    }
  });
}
