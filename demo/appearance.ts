import { LANGUAGES } from '../widget/i18n/pick.js';

/**
 * The demo's language picker and theme switcher: each change goes straight to both elements'
 * `lang` and `theme` attributes, so a right-to-left language or the dark theme shows at once.
 */
export function setUpAppearance(language: HTMLSelectElement, theme: HTMLSelectElement, elements: HTMLElement[]): void {
  for (const code of ['en', ...LANGUAGES]) {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    language.add(new Option(`${name} (${code})`, code));
  }
  const apply = () => {
    for (const element of elements) {
      if (language.value) element.setAttribute('lang', language.value);
      else element.removeAttribute('lang');
      element.setAttribute('theme', theme.value);
    }
  };
  language.addEventListener('change', apply);
  theme.addEventListener('change', apply);
}
