import { en, type Strings } from './en.js';

export type { Strings };

const catalogs: Record<string, Strings> = { en };

/** `de-CH` falls back to `de`, anything unknown to English. */
export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang ?? '').toLowerCase();
  return catalogs[tag] ?? catalogs[tag.split('-')[0] ?? ''] ?? en;
}

/** The element's own `lang`, else the nearest one in the page, else the document's. */
export function langOf(element: HTMLElement): string {
  return element.lang || element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
}
