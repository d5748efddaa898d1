import { LANGUAGES } from '../../contract/languages.js';

export { LANGUAGES };

export type Language = 'en' | (typeof LANGUAGES)[number];

/** Written right to left. */
const RTL = new Set<string>(['ar', 'he', 'fa']);

/** Tags whose language part alone would pick the wrong module. */
const ALIASES: Record<string, Language> = {
  iw: 'he',
  no: 'nb',
  nn: 'nb',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  'zh-hant-hk': 'zh-TW',
  'zh-hant-tw': 'zh-TW',
};

/** `de-AT` → `de`, `pt-PT` → `pt-BR` (the one Portuguese), `zh-HK` → `zh-TW`; none of the wanted → English. */
export function pickLanguage(wanted: readonly string[]): Language {
  for (const tag of wanted) {
    const lower = tag.trim().toLowerCase().replace(/_/g, '-');
    const base = lower.split('-')[0]!;
    const found =
      ALIASES[lower] ??
      LANGUAGES.find((lang) => lang.toLowerCase() === lower) ??
      ALIASES[base] ??
      LANGUAGES.find((lang) => lang === base) ??
      LANGUAGES.find((lang) => lang.startsWith(`${base}-`));
    if (found) return found;
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function isRtl(lang: string): boolean {
  return RTL.has(lang);
}
