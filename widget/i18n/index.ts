import { Book, type Catalog as CatalogOf } from './book.js';
import { en, type Strings } from './en.js';
import type { SettingsStrings } from './en-settings.js';
import type { PasskeyBookStrings } from './passkey-book.js';
import type { Language } from './pick.js';

export type { Strings };
export { isRtl, LANGUAGES, pickLanguage, type Language } from './pick.js';

/** A language module's default export (`langs/de.ts`): the login's strings. */
export type Catalog = CatalogOf<Strings>;

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * The `i18n` property: any string replaced, per language (`{ de: { password: { title: 'Anmelden' } } }`);
 * a key `en` also applies to English.
 */
export type I18nOverrides = { [lang in Language]?: StringsOverride } & Record<string, StringsOverride | undefined>;

/**
 * One language's replacements; `settings` is `<mfa-login-settings>`'s own, `passkey` the passkey
 * screens', `trustDevice` the "Trust this device" offer's (these and the settings' passkeys and
 * devices load with the code that shows them: passkey-book.ts).
 */
export type StringsOverride = DeepPartial<Strings & PasskeyBookStrings & { settings: SettingsStrings }>;

/** The login's strings; the drop-in script carries English only. */
export const loginBook = new Book<Strings>(en, {
  ar: () => import('./langs/ar.js'),
  cs: () => import('./langs/cs.js'),
  da: () => import('./langs/da.js'),
  de: () => import('./langs/de.js'),
  el: () => import('./langs/el.js'),
  es: () => import('./langs/es.js'),
  fa: () => import('./langs/fa.js'),
  fi: () => import('./langs/fi.js'),
  fr: () => import('./langs/fr.js'),
  he: () => import('./langs/he.js'),
  hi: () => import('./langs/hi.js'),
  hu: () => import('./langs/hu.js'),
  id: () => import('./langs/id.js'),
  it: () => import('./langs/it.js'),
  ja: () => import('./langs/ja.js'),
  ko: () => import('./langs/ko.js'),
  ms: () => import('./langs/ms.js'),
  nb: () => import('./langs/nb.js'),
  nl: () => import('./langs/nl.js'),
  pl: () => import('./langs/pl.js'),
  'pt-BR': () => import('./langs/pt-BR.js'),
  ro: () => import('./langs/ro.js'),
  ru: () => import('./langs/ru.js'),
  sv: () => import('./langs/sv.js'),
  th: () => import('./langs/th.js'),
  tr: () => import('./langs/tr.js'),
  uk: () => import('./langs/uk.js'),
  vi: () => import('./langs/vi.js'),
  'zh-CN': () => import('./langs/zh-CN.js'),
  'zh-TW': () => import('./langs/zh-TW.js'),
});

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with every string `override` gives in its place. */
export function withOverrides<T>(base: T, override: DeepPartial<T> | undefined): T {
  if (!override) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    out[key] = isPlain(value) && isPlain(out[key]) ? withOverrides(out[key], value) : value;
  }
  return out as T;
}
