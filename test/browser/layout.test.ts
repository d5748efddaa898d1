import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, ok } from './assert.js';
import type { FakeServer } from './fake-server.js';
import { cleanUp } from './fixture.js';
import { LOGIN, PANELS, showLogin, showPanel } from './screens.js';
import { unmountAll } from './settings-fixture.js';

/** Every element under `root`, through open shadow roots (the step-up's `<mfa-login>` included). */
function everything(root: ParentNode): Element[] {
  return [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? everything(e.shadowRoot) : [])]);
}

/**
 * What sticks out sideways: the page wider than the window, or an element wider than the card
 * or past its edges. A phone at 320 CSS px is also a 1280 px window at 400 % zoom (WCAG 1.4.10).
 */
function overflow(el: Element): string[] {
  const card = el.shadowRoot!.querySelector('.card')!.getBoundingClientRect();
  const found: string[] = [];
  if (document.documentElement.scrollWidth > innerWidth)
    found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${innerWidth}`);
  if (card.right > innerWidth + 0.5 || card.left < -0.5) found.push(`the card ${card.left}…${card.right} in a ${innerWidth} px window`);
  for (const e of everything(el.shadowRoot!)) {
    const box = e.getBoundingClientRect();
    if (!box.width || getComputedStyle(e).position === 'absolute') continue;
    if (box.left < card.left - 0.5 || box.right > card.right + 0.5)
      found.push(`<${e.localName} class="${e.className}"> ${box.left}…${box.right} outside the card ${card.left}…${card.right}`);
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') found.push(`<${e.localName}> scrolls sideways`);
  }
  return found;
}

/** Anything that would move: transitions and animations, in the element and all it contains. */
function motion(el: Element): string[] {
  return everything(el.shadowRoot!).flatMap((e) => {
    const style = getComputedStyle(e);
    const moving = style.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || style.animationName !== 'none';
    return moving ? [`<${e.localName} class="${e.className}">: transition ${style.transitionDuration}, animation ${style.animationName}`] : [];
  });
}

const LANGUAGES: Record<string, string>[] = [{}, { lang: 'ar' }, { lang: 'de' }];

for (const width of [320, 640]) {
  for (const attributes of LANGUAGES) {
    describe(`layout at ${width} CSS px (${width === 320 ? 'a small phone, 400 % zoom' : '200 % zoom'}), ${attributes.lang ?? 'en'}`, () => {
      let server: FakeServer | undefined;
      before(() => setViewport({ width, height: 640 }));
      after(() => setViewport({ width: 800, height: 600 }));
      afterEach(() => {
        cleanUp(server);
        unmountAll();
      });

      for (const screen of LOGIN) {
        it(`keeps <mfa-login> inside the window on ${screen.name}`, async () => {
          let el: HTMLElement;
          ({ el, server } = await showLogin(screen, attributes));
          deepEqual(overflow(el), []);
        });
      }
      for (const panel of PANELS) {
        it(`keeps <mfa-login-settings> inside the window on ${panel.name}`, async () => {
          let el: HTMLElement;
          ({ el, server } = await showPanel(panel, attributes));
          deepEqual(overflow(el), []);
        });
      }
    });
  }
}

describe('reduced motion', () => {
  let server: FakeServer | undefined;
  before(() => emulateMedia({ reducedMotion: 'reduce' }));
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));
  afterEach(() => {
    cleanUp(server);
    unmountAll();
  });

  it('is honoured: the check sees a transition when there is one', async () => {
    let el: HTMLElement;
    ({ el, server } = await showLogin(LOGIN[0]!, {}));
    const probe = el.shadowRoot!.querySelector('.screen')!.appendChild(document.createElement('p'));
    probe.style.transition = 'opacity 0.2s';
    ok(motion(el).length === 1, 'a transition is found');
    probe.remove();
  });

  for (const screen of LOGIN) {
    it(`moves nothing on ${screen.name}`, async () => {
      let el: HTMLElement;
      ({ el, server } = await showLogin(screen, {}));
      deepEqual(motion(el), []);
    });
  }
  for (const panel of PANELS) {
    it(`moves nothing in the settings on ${panel.name}`, async () => {
      let el: HTMLElement;
      ({ el, server } = await showPanel(panel, {}));
      deepEqual(motion(el), []);
    });
  }
});
