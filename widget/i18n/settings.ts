import { Book, type Catalog } from './book.js';
import { enSettings, type SettingsStrings } from './en-settings.js';

export type { SettingsStrings };

/** A `langs/*.settings.ts` module's default export. */
export type SettingsCatalog = Catalog<SettingsStrings>;

/** `<mfa-login-settings>`'s own strings: only its bundle carries them, and loads them per language. */
export const settingsBook = new Book<SettingsStrings>(enSettings, {
  ar: () => import('./langs/ar.settings.js'),
  cs: () => import('./langs/cs.settings.js'),
  da: () => import('./langs/da.settings.js'),
  de: () => import('./langs/de.settings.js'),
  el: () => import('./langs/el.settings.js'),
  es: () => import('./langs/es.settings.js'),
  fa: () => import('./langs/fa.settings.js'),
  fi: () => import('./langs/fi.settings.js'),
  fr: () => import('./langs/fr.settings.js'),
  he: () => import('./langs/he.settings.js'),
  hi: () => import('./langs/hi.settings.js'),
  hu: () => import('./langs/hu.settings.js'),
  id: () => import('./langs/id.settings.js'),
  it: () => import('./langs/it.settings.js'),
  ja: () => import('./langs/ja.settings.js'),
  ko: () => import('./langs/ko.settings.js'),
  ms: () => import('./langs/ms.settings.js'),
  nb: () => import('./langs/nb.settings.js'),
  nl: () => import('./langs/nl.settings.js'),
  pl: () => import('./langs/pl.settings.js'),
  'pt-BR': () => import('./langs/pt-BR.settings.js'),
  ro: () => import('./langs/ro.settings.js'),
  ru: () => import('./langs/ru.settings.js'),
  sv: () => import('./langs/sv.settings.js'),
  th: () => import('./langs/th.settings.js'),
  tr: () => import('./langs/tr.settings.js'),
  uk: () => import('./langs/uk.settings.js'),
  vi: () => import('./langs/vi.settings.js'),
  'zh-CN': () => import('./langs/zh-CN.settings.js'),
  'zh-TW': () => import('./langs/zh-TW.settings.js'),
});
