import { nothing, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { FlowError, FlowIssue } from '../types.js';

/** What every screen needs besides its option and callbacks. */
export interface ScreenContext {
  t: Strings;
  lang: string;
  /** A call is under way: submit buttons are disabled. */
  busy: boolean;
  /** Set while an error is shown, so fields can point at it with `aria-describedby`. */
  errorId?: string;
  /**
   * Whether the error is about what was typed into field `name`: the field its issues name,
   * else the form's main field (`main` false: a field only an issue can point at).
   */
  invalid(name: string, main?: boolean): boolean;
  /**
   * The error box, for a form to show right under its fields, where the user is looking; only
   * the first caller gets it, and the element shows it at the top when no form took it.
   */
  errorBox(): TemplateResult | typeof nothing;
  now: number;
}

/** The server sends a dotted string; older answers and zod itself use an array. */
export function issuePath(issue: FlowIssue): string {
  return Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
}

export interface ContextInput extends Pick<ScreenContext, 't' | 'lang' | 'busy' | 'now'> {
  error?: FlowError;
  /** Errors about what the user typed: they mark a field invalid. */
  inputErrors: ReadonlySet<string>;
  /** Renders the error box; absent when no box is to be shown. */
  box?: () => TemplateResult | typeof nothing;
  errorId: string;
}

/** The context for one render; ask `errorBox()` again after the screen for a box no form took. */
export function screenContext<T extends Strings>({ error, inputErrors, box, errorId, ...base }: ContextInput & { t: T }): ScreenContext & { t: T } {
  const typed = !!error && inputErrors.has(error.error);
  const named = error?.issues?.map((issue) => issuePath(issue).split('.')[0]) ?? [];
  let placed = false;
  return {
    ...base,
    errorId: box ? errorId : undefined,
    invalid: (name, main = true) => typed && (named.length ? named.includes(name) : main),
    errorBox: () => {
      if (!box || placed) return nothing;
      placed = true;
      return box();
    },
  };
}
