/**
 * The element's languages: plain data shared by the widget (which loads each one's module on
 * demand) and the server (the hosted page's `ui_locales_supported`).
 */

/** The languages with a module of their own besides English (which is built in). */
export const LANGUAGES = [
  'ar',
  'cs',
  'da',
  'de',
  'el',
  'es',
  'fa',
  'fi',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'nb',
  'nl',
  'pl',
  'pt-BR',
  'ro',
  'ru',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh-CN',
  'zh-TW',
] as const;
