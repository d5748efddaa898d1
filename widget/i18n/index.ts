import { en, type Strings } from './en.js';

export type { Strings };

const catalogs: Record<string, Strings> = { en };

/** `de-CH` falls back to `de`, anything unknown to English. */
export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang ?? '').toLowerCase();
  return catalogs[tag] ?? catalogs[tag.split('-')[0] ?? ''] ?? en;
}
