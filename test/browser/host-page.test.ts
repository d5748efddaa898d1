import { equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, cleanUp, mount } from './fixture.js';
import { passwordStep } from './states.js';

/** The sizes and places (from the card's corner) of what a person sees on the password screen. */
function layout(el: HTMLElement): Record<string, number[]> {
  const root = el.shadowRoot!;
  const card = $(el as never, '.card').getBoundingClientRect();
  const out: Record<string, number[]> = {};
  for (const selector of ['.card', '.title', 'label[for="username"]', '#username', '#password', 'button[type="submit"]']) {
    const box = root.querySelector(selector)!.getBoundingClientRect();
    out[selector] = [box.left - card.left, box.top - card.top, box.width, box.height];
  }
  return out;
}

function sameWithin(a: Record<string, number[]>, b: Record<string, number[]>, px: number): void {
  for (const [selector, box] of Object.entries(a)) {
    box.forEach((value, i) => {
      const other = b[selector]![i]!;
      ok(Math.abs(value - other) <= px, `${selector} ${['left', 'top', 'width', 'height'][i]}: ${value} then ${other}`);
    });
  }
}

/** Styles apply at the next layout read; a task lets the element re-render if it would. */
const frame = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('on a hostile host page', () => {
  let server: FakeServer;
  let style: HTMLStyleElement | undefined;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(() => {
    style?.remove();
    style = undefined;
    cleanUp(server);
  });

  function hostile(css: string): Promise<unknown> {
    style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
    return frame();
  }

  it('keeps its layout and its text as written under inherited text styles and a 10 px root font', async () => {
    const el = await mount();
    const before = layout(el);
    await hostile(`
      html { font-size: 10px }
      body { text-transform: uppercase; letter-spacing: 2px; word-spacing: 8px; text-align: center;
             line-height: 3; font-style: italic; font-weight: 700; text-indent: 3em; white-space: pre; direction: rtl }`);
    sameWithin(before, layout(el), 1);
    for (const selector of ['.title', 'label[for="username"]', 'button[type="submit"]']) {
      const css = getComputedStyle($(el as never, selector));
      equal(css.textTransform, 'none', `${selector} text-transform`);
      equal(css.letterSpacing, 'normal', `${selector} letter-spacing`);
      equal(css.wordSpacing, '0px', `${selector} word-spacing`);
      equal(css.fontStyle, 'normal', `${selector} font-style`);
      equal(css.direction, 'ltr', `${selector} direction`);
    }
    equal(getComputedStyle($(el as never, '.title')).textAlign, 'start');
    equal(Math.round($(el as never, 'button[type="submit"]').getBoundingClientRect().height), 44);
  });

  it('keeps its size under a 24 px root font', async () => {
    const el = await mount();
    const before = layout(el);
    await hostile('html { font-size: 24px }');
    sameWithin(before, layout(el), 1);
  });

  it('follows its own font size: --mfa-login-font-size scales everything', async () => {
    const el = await mount();
    el.style.setProperty('--mfa-login-font-size', '20px');
    await frame();
    equal(Math.round($(el as never, 'button[type="submit"]').getBoundingClientRect().height), 55);
    equal(getComputedStyle($(el as never, '#username')).fontSize, '20px');
  });

  it('hides with a container made invisible', async () => {
    const el = await mount();
    await hostile('body { visibility: hidden }');
    equal(getComputedStyle($(el as never, '.title')).visibility, 'hidden');
  });
});
