import type { Strings } from '../i18n/index.js';

/** What every screen needs besides its option and callbacks. */
export interface ScreenContext {
  t: Strings;
  lang: string;
  /** A call is under way: submit buttons are disabled. */
  busy: boolean;
  /** Set while an error is shown, so fields can point at it with `aria-describedby`. */
  errorId?: string;
  /** The last error was about what the user typed. */
  invalid: boolean;
  now: number;
}
