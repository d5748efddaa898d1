import type { ReactiveController, ReactiveElement } from 'lit';
import type { Book } from './book.js';
import { type I18nOverrides, isRtl, type Language, loginBook, pickLanguage, type Strings, type StringsOverride, withOverrides } from './index.js';

/** The element's own `lang`, else the nearest one in the page, else the browser's languages. */
export function wantedLanguages(element: HTMLElement): readonly string[] {
  const lang = element.lang || element.closest('[lang]')?.getAttribute('lang');
  return lang ? [lang] : (navigator.languages ?? [navigator.language]);
}

interface Memo<T> {
  lang: Language;
  base: T;
  override: unknown;
  strings: T;
}

/**
 * The language an element speaks: picked from its `lang`, the page's, or the browser's, loaded
 * on first use (English until then), with the page's `i18n` overrides on top. The host gets the
 * custom state `rtl` for right-to-left languages, so `:host(:state(rtl))` can set `direction`.
 */
export class LocaleController implements ReactiveController {
  private readonly observer = new MutationObserver(() => this.host.requestUpdate());
  private readonly internals?: ElementInternals;
  private readonly memos = new Map<Book<unknown>, Memo<unknown>>();

  constructor(
    private readonly host: ReactiveElement,
    private readonly overrides: () => I18nOverrides | undefined,
  ) {
    host.addController(this);
    try {
      this.internals = host.attachInternals();
    } catch {
      // A subclass that attached its own internals: no state, the card's `dir` still applies.
    }
  }

  hostConnected(): void {
    const watched = { attributes: true, attributeFilter: ['lang'] };
    this.observer.observe(this.host, watched);
    this.observer.observe(document.documentElement, watched);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  hostUpdate(): void {
    const states = this.internals?.states;
    if (!states) return;
    if (isRtl(this.lang)) states.add('rtl');
    else states.delete('rtl');
  }

  get lang(): Language {
    return pickLanguage(wantedLanguages(this.host));
  }

  get dir(): 'ltr' | 'rtl' {
    return isRtl(this.lang) ? 'rtl' : 'ltr';
  }

  /**
   * Settles once `books` are here in the language now (at once when they are, or when one cannot
   * load), so a render can wait rather than show English for a moment.
   */
  ready(...books: Pick<Book<unknown>, 'get' | 'load'>[]): Promise<unknown> {
    const lang = this.lang;
    return Promise.all([loginBook, ...books].map((book) => book.get(lang) ?? book.load(lang)));
  }

  /** The login's strings in the language now. */
  get strings(): Strings {
    return this.read(loginBook, (override) => override);
  }

  /**
   * `book`'s strings in the language now, with the page's override (`pick` finds it in one
   * language's overrides); a language still loading renders again once it is here.
   */
  read<T>(book: Book<T>, pick: (override: StringsOverride) => unknown): T {
    const lang = this.lang;
    let base = book.get(lang);
    if (!base) {
      void book.load(lang).then((strings) => strings && this.host.requestUpdate());
      base = book.en;
    }
    const languageOverride = this.overrides()?.[lang];
    const override = languageOverride && pick(languageOverride);
    const memo = this.memos.get(book as Book<unknown>) as Memo<T> | undefined;
    if (memo?.lang === lang && memo.base === base && memo.override === override) return memo.strings;
    const strings = withOverrides(base, override as Parameters<typeof withOverrides<T>>[1]);
    this.memos.set(book as Book<unknown>, { lang, base, override, strings });
    return strings;
  }
}
