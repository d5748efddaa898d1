import type { DevicesStrings } from './en-devices.js';
import type { PasskeyStrings } from './en-passkey.js';
import type { PasskeysStrings } from './en-passkeys.js';
import type { TrustStrings } from './en-trust.js';
import type { Helpers } from './helpers.js';
import type { Language } from './pick.js';

/**
 * Passkeys' and trusted devices' words in one language, in the shape of the `i18n` overrides: the
 * login's passkey screens, "Trust this device?", and the settings' two sections.
 */
export interface PasskeyBookStrings {
  passkey: PasskeyStrings;
  trustDevice: TrustStrings;
  settings: DevicesStrings & PasskeysStrings;
}

/** Numbers and plurals as helpers.ts makes them; no waits here. */
export type Counting = Pick<Helpers, 'n' | 'p'>;

/** A `langs/<lang>.passkey.ts` module's default export. */
export type PasskeyCatalog = (h: Counting) => PasskeyBookStrings;

/**
 * Loaded only by the chunks that show these words (the passkey screen, "Trust this device?",
 * the settings' sections), never by a drop-in script: a module per language beside them.
 */
const MODULES: Record<Exclude<Language, 'en'>, () => Promise<{ default: PasskeyCatalog }>> = {
  ar: () => import('./langs/ar.passkey.js'),
  cs: () => import('./langs/cs.passkey.js'),
  da: () => import('./langs/da.passkey.js'),
  de: () => import('./langs/de.passkey.js'),
  el: () => import('./langs/el.passkey.js'),
  es: () => import('./langs/es.passkey.js'),
  fa: () => import('./langs/fa.passkey.js'),
  fi: () => import('./langs/fi.passkey.js'),
  fr: () => import('./langs/fr.passkey.js'),
  he: () => import('./langs/he.passkey.js'),
  hi: () => import('./langs/hi.passkey.js'),
  hu: () => import('./langs/hu.passkey.js'),
  id: () => import('./langs/id.passkey.js'),
  it: () => import('./langs/it.passkey.js'),
  ja: () => import('./langs/ja.passkey.js'),
  ko: () => import('./langs/ko.passkey.js'),
  ms: () => import('./langs/ms.passkey.js'),
  nb: () => import('./langs/nb.passkey.js'),
  nl: () => import('./langs/nl.passkey.js'),
  pl: () => import('./langs/pl.passkey.js'),
  'pt-BR': () => import('./langs/pt-BR.passkey.js'),
  ro: () => import('./langs/ro.passkey.js'),
  ru: () => import('./langs/ru.passkey.js'),
  sv: () => import('./langs/sv.passkey.js'),
  th: () => import('./langs/th.passkey.js'),
  tr: () => import('./langs/tr.passkey.js'),
  uk: () => import('./langs/uk.passkey.js'),
  vi: () => import('./langs/vi.passkey.js'),
  'zh-CN': () => import('./langs/zh-CN.passkey.js'),
  'zh-TW': () => import('./langs/zh-TW.passkey.js'),
};

/**
 * helpers.ts's `n` and `p`, made again here: that file is in the drop-in script, and a chunk that
 * imported it would make the script import a shared file (test/unit/widget/catalogues.test.ts keeps the two alike).
 */
export function counting(lang: string): Counting {
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const n = (value: number) => numbers.format(value);
  return { n, p: (value, forms) => ((value === 0 && forms.zero) || forms[rules.select(value)] || forms.other).replace('#', n(value)) };
}

const loaded = new Map<string, Partial<PasskeyBookStrings> | Promise<unknown>>([['en', {}]]);

/**
 * `lang`'s words (empty for English, or when its module cannot be had: English stays); undefined
 * while its module loads, and `update` is called once it is here, so a screen can wait for it
 * rather than show English for a moment.
 */
export function passkeyBook(lang: string, update?: () => void): Partial<PasskeyBookStrings> | undefined {
  let entry = loaded.get(lang);
  if (!entry) {
    const load = MODULES[lang as Exclude<Language, 'en'>];
    entry = (load ? load() : Promise.reject())
      .then(({ default: catalog }) => catalog(counting(lang)))
      .catch(() => ({}))
      .then((strings) => loaded.set(lang, strings));
    loaded.set(lang, entry);
  }
  if (!(entry instanceof Promise)) return entry;
  if (update) void entry.then(update);
  return undefined;
}
