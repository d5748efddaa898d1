import { passkeyBook } from '../i18n/passkey-book.js';
import type { SettingsContext } from './types.js';

/** What a section under the factors asks of the element's settings controller (controller.ts). */
export interface SectionController {
  change<T>(path: string, body: Record<string, unknown>, accept: (data: T) => void): Promise<void>;
}

/** A section's words: English, the language's module (sections.ts waits for it), then the page's `i18n`. */
export const stringsOf = <S extends object>(ctx: SettingsContext, en: S): S => ({
  ...en,
  ...passkeyBook(ctx.lang)?.settings,
  ...(ctx.t.settings as object),
});

/** When an item was made and last used, with dates in the page's language. */
export function usedText(
  ctx: SettingsContext,
  item: { createdAt: string; lastUsedAt: string | null },
  used: (made: string, last: string) => string,
  notUsed: (made: string) => string,
): string {
  const day = (iso: string) => new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium' }).format(new Date(iso));
  return item.lastUsedAt ? used(day(item.createdAt), day(item.lastUsedAt)) : notUsed(day(item.createdAt));
}
