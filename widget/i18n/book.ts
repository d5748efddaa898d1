import { helpers, type Helpers } from './helpers.js';
import type { Language } from './pick.js';

/** A language module's default export: its strings, given the language's `Intl` helpers. */
export type Catalog<T> = (h: Helpers) => T;

export type Modules<T> = Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalog<T> }>>;

/**
 * One set of strings in every language: English at hand, the others each a chunk of its own
 * beside the drop-in script, loaded on first use (resolved against the script's own URL).
 */
export class Book<T> {
  private readonly loaded = new Map<Language, T | Promise<T | undefined>>();

  constructor(
    readonly en: T,
    private readonly modules: Modules<T>,
  ) {
    this.loaded.set('en', en);
  }

  /** The strings of `lang` once its module is here; until then (or if it cannot load) undefined. */
  get(lang: Language): T | undefined {
    const entry = this.loaded.get(lang);
    return entry instanceof Promise ? undefined : entry;
  }

  /** Loads `lang`'s module once; resolves undefined when it cannot be had (then English stays). */
  load(lang: Language): Promise<T | undefined> {
    const entry = this.loaded.get(lang);
    if (entry) return Promise.resolve(entry);
    const load = this.modules[lang as Exclude<Language, 'en'>]()
      .then(({ default: catalog }) => {
        const strings = catalog(helpers(lang));
        this.loaded.set(lang, strings);
        return strings;
      })
      .catch(() => {
        this.loaded.delete(lang);
        return undefined;
      });
    this.loaded.set(lang, load);
    return load;
  }
}
