import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/i18n/en.js';
import { helpers } from '../../../widget/i18n/helpers.js';
import { enDevices } from '../../../widget/i18n/en-devices.js';
import { enPasskey } from '../../../widget/i18n/en-passkey.js';
import { enPasskeys } from '../../../widget/i18n/en-passkeys.js';
import { enSettings } from '../../../widget/i18n/en-settings.js';
import { enTrust } from '../../../widget/i18n/en-trust.js';
import type { Catalog } from '../../../widget/i18n/index.js';
import { counting, type PasskeyCatalog } from '../../../widget/i18n/passkey-book.js';
import { LANGUAGES, pickLanguage } from '../../../widget/i18n/pick.js';
import type { SettingsCatalog } from '../../../widget/i18n/settings.js';

/** Every key, dotted, with the kind of value behind it. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [`${prefix}:${typeof value}`];
  return Object.entries(value)
    .flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key))
    .sort();
}

/** Every function of the catalogue called with 7 for each argument (a count, a wait, a name). */
function calls(strings: object): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'function') out.push([path, (value as (...args: number[]) => string)(...Array<number>(value.length).fill(7))]);
    else if (typeof value === 'object' && value) for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
  };
  walk(strings, '');
  return out;
}

/**
 * Each language's login strings with its settings strings under `settings`, as `<mfa-login-settings>`
 * reads them, and its passkeys' and trusted devices' words (loaded with the chunks that show them)
 * where the code that shows them reads them.
 */
const catalogs = await Promise.all(
  LANGUAGES.map(async (lang) => {
    const login = ((await import(`../../../widget/i18n/langs/${lang}.ts`)) as { default: Catalog }).default(helpers(lang));
    const settings = ((await import(`../../../widget/i18n/langs/${lang}.settings.ts`)) as { default: SettingsCatalog }).default(helpers(lang));
    const more = ((await import(`../../../widget/i18n/langs/${lang}.passkey.ts`)) as { default: PasskeyCatalog }).default(counting(lang));
    return [lang, { ...login, passkey: more.passkey, trustDevice: more.trustDevice, settings: { ...settings, ...more.settings } }] as const;
  }),
);
const english = { ...en, passkey: enPasskey, trustDevice: enTrust, settings: { ...enSettings, ...enDevices, ...enPasskeys } };

describe('language catalogues', () => {
  it('covers 31 languages: English and 30 modules', () => {
    expect(new Set(['en', ...LANGUAGES]).size).toBe(31);
  });

  it.each(catalogs)('%s has exactly the keys English has, each of the same kind', (_lang, strings) => {
    expect(shape(strings)).toEqual(shape(english));
  });

  it.each(catalogs)('%s has no empty text and puts every number and name into its sentences', (lang, strings) => {
    const seven = new Intl.NumberFormat(lang).format(7);
    for (const [path, text] of calls(strings)) {
      expect(text.includes(seven) || text.includes('7'), `${path}: ${text}`).toBe(true);
    }
    for (const key of shape(strings)) expect(key.endsWith(':string') || key.endsWith(':function'), key).toBe(true);
    expect(JSON.stringify(strings)).not.toMatch(/""/);
  });

  it.each(catalogs)('%s says “none left” at 0, not “0 left”', (_lang, strings) => {
    expect(strings.settings.fewCodesLeft(0)).not.toMatch(/0/);
    expect(strings.done.fewBackupCodes(0)).not.toMatch(/0/);
  });

  it('French keeps its spaced punctuation (? ! ; : and « ») on the line of the word before it', () => {
    const fr = catalogs.find(([lang]) => lang === 'fr')![1];
    const texts: string[] = [...calls(fr).map(([, text]) => text)];
    const walk = (value: unknown) => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'object' && value) for (const inner of Object.values(value)) walk(inner);
    };
    walk(fr);
    // A space a line may break at: an ordinary one before the mark, or after an opening «.
    for (const text of texts) expect(text, text).not.toMatch(/ [?!;:»]|« /);
    expect(fr.notYou).toBe('Ce n’est pas vous\u202f? Recommencer');
  });

  it.each(catalogs)('%s is not English left in place', (_lang, strings) => {
    expect(strings.password.title).not.toBe(en.password.title);
    expect(strings.errors.invalid_code).not.toBe(en.errors.invalid_code);
    expect(strings.settings.newCodesWarning).not.toBe(enSettings.newCodesWarning);
    expect(strings.passkey.offerTitle).not.toBe(enPasskey.offerTitle);
    expect(strings.trustDevice.hint).not.toBe(enTrust.hint);
    expect(strings.settings.devicesIntro).not.toBe(enDevices.devicesIntro);
    expect(strings.settings.passkeysIntro).not.toBe(enPasskeys.passkeysIntro);
  });

  it.each(catalogs)('%s says how many days a device is trusted in the language’s digits', (lang, strings) => {
    expect(strings.trustDevice.title(30)).toContain(new Intl.NumberFormat(lang).format(30));
  });
});

describe('the passkey chunks’ numbers and plurals', () => {
  it.each(LANGUAGES)('%s: the same as the drop-in script’s helpers', (lang) => {
    const forms = { zero: 'none', one: 'one #', two: 'two #', few: 'few #', many: 'many #', other: 'other #' };
    for (const value of [0, 1, 2, 3, 5, 11, 21, 30, 100, 1234567]) {
      expect(counting(lang).n(value)).toBe(helpers(lang).n(value));
      expect(counting(lang).p(value, forms)).toBe(helpers(lang).p(value, forms));
    }
  });
});

describe('pickLanguage', () => {
  it('takes the region’s language, then any region of it, then English', () => {
    expect(pickLanguage(['de-AT'])).toBe('de');
    expect(pickLanguage(['pt-PT'])).toBe('pt-BR');
    expect(pickLanguage(['zh-HK'])).toBe('zh-TW');
    expect(pickLanguage(['zh'])).toBe('zh-CN');
    expect(pickLanguage(['PT-br'])).toBe('pt-BR');
    expect(pickLanguage(['no'])).toBe('nb');
    expect(pickLanguage(['xx', 'fr-CA'])).toBe('fr');
    expect(pickLanguage(['en-GB', 'de'])).toBe('en');
    expect(pickLanguage(['xx'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
