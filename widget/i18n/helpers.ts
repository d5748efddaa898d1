import { keepUnits } from '../text.js';

/**
 * Plural forms as `Intl.PluralRules` names them; `#` stands for the number, written the language's
 * way. `zero` is also taken for 0 in languages whose rules have no zero form ("no codes left").
 */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** What a language module needs from `Intl` for its numbers, plurals and waits. */
export interface Helpers {
  /** A count in the language's digits and grouping. */
  n(value: number): string;
  /** The form `Intl.PluralRules` picks for `value`, with `#` as the number. */
  p(value: number, forms: PluralForms): string;
  /** A wait as `Intl.RelativeTimeFormat` says it ("in 26 seconds"): seconds, then whole minutes, then hours; never shorter than it is. */
  wait(seconds: number): string;
}

export function helpers(lang: string): Helpers {
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const relative = new Intl.RelativeTimeFormat(lang);
  const n = (value: number) => numbers.format(value);
  return {
    n,
    p: (value, forms) => ((value === 0 && forms.zero) || forms[rules.select(value)] || forms.other).replace('#', n(value)),
    wait: (seconds) => {
      const minutes = Math.ceil(seconds / 60);
      const said =
        seconds < 60
          ? relative.format(seconds, 'second')
          : minutes < 90
            ? relative.format(minutes, 'minute')
            : relative.format(Math.ceil(seconds / 3600), 'hour');
      return keepUnits(said);
    },
  };
}
