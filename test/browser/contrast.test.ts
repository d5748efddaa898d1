import { sendKeys } from '@web/test-runner-commands';
import { ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { $, cleanUp, field, mount } from './fixture.js';
import { passwordStep } from './states.js';

type Rgba = [number, number, number, number];

/** A computed colour: `rgb()`/`rgba()`, or `color(srgb …)` as `color-mix()` computes. */
function parse(css: string): Rgba {
  const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/.exec(css);
  if (srgb) return [+srgb[1]! * 255, +srgb[2]! * 255, +srgb[3]! * 255, srgb[4] ? +srgb[4] : 1];
  const rgb = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
  if (rgb) return [+rgb[1]!, +rgb[2]!, +rgb[3]!, rgb[4] ? +rgb[4] : 1];
  throw new Error(`cannot read the colour ${css}`);
}

function luminance([r, g, b]: Rgba): number {
  const [R, G, B] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
}

/** WCAG contrast of `fore` (blended over `back` when translucent) against `back`. */
function contrast(fore: string, back: string): number {
  const b = parse(back);
  const f = parse(fore);
  const blended: Rgba = [0, 1, 2].map((i) => f[i]! * f[3] + b[i]! * (1 - f[3])) as unknown as Rgba;
  const [hi, lo] = [luminance(blended), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

for (const theme of ['light', 'dark'] as const) {
  describe(`contrast (WCAG 2.2 AA), ${theme} theme`, () => {
    let server: FakeServer;
    beforeEach(() => {
      server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    });
    afterEach(() => cleanUp(server));

    const card = (el: HTMLElement) => getComputedStyle($(el as never, '.card')).backgroundColor;
    const mountThemed = () => mount({ 'client-id': 'demo', theme });

    it('is drawn in the theme asked for', async () => {
      const el = await mountThemed();
      const dark = luminance(parse(card(el))) < 0.2;
      ok(dark === (theme === 'dark'), `card ${card(el)}`);
    });

    it('draws field borders at 3:1 or more against the card (1.4.11)', async () => {
      const el = await mountThemed();
      const ratio = contrast(getComputedStyle(field(el, 'Username')).borderTopColor, card(el));
      ok(ratio >= 3, `field border ${ratio.toFixed(2)}:1`);
    });

    it('draws a solid focus ring, 2 px or more, at 3:1 or more against the card (1.4.11, 2.4.13)', async () => {
      const el = await mountThemed();
      const input = field(el, 'Username');
      await sendKeys({ press: 'Tab' });
      ok(input.matches(':focus-visible'), 'focused from the keyboard');
      const style = getComputedStyle(input);
      ok(style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2, `outline ${style.outlineStyle} ${style.outlineWidth}`);
      const ratio = contrast(style.outlineColor, card(el));
      ok(ratio >= 3, `focus ring ${ratio.toFixed(2)}:1`);
    });

    it('writes text, muted text, links, warnings and errors at 4.5:1 or more (1.4.3)', async () => {
      const el = await mountThemed();
      const screen = el.shadowRoot!.querySelector('.screen')!;
      const probes = ['hint', 'warning', 'link', 'error'].map((name) => {
        const probe = document.createElement(name === 'link' ? 'button' : 'p');
        probe.className = name;
        probe.textContent = name;
        return screen.appendChild(probe);
      });
      const check = (what: string, fore: string, back: string) => {
        const ratio = contrast(fore, back);
        ok(ratio >= 4.5, `${what} ${ratio.toFixed(2)}:1 (${fore} on ${back})`);
      };
      check('text', getComputedStyle($(el as never, '.title')).color, card(el));
      for (const probe of probes) {
        const style = getComputedStyle(probe);
        const back = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? card(el) : style.backgroundColor;
        check(probe.className, style.color, back);
      }
      const button = $(el as never, 'button[type="submit"]');
      check('button', getComputedStyle(button).color, getComputedStyle(button).backgroundColor);
      for (const probe of probes) probe.remove();
    });
  });
}
