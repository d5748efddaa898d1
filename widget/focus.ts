import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowError } from './types.js';

export interface ScreenFocusOptions {
  /** Errors about what the user typed: the field marked invalid is selected for a retry. */
  inputErrors: ReadonlySet<string>;
  error: () => FlowError | undefined;
  /** False while the screen is only a placeholder (loading): focus waits for the real one. */
  ready?: () => boolean;
  /** Whether the first screen takes focus too. */
  autofocus?: () => boolean;
}

/**
 * A new screen (a new heading) moves focus to its heading, so keyboard and screen reader users
 * hear where they are and read on from the top; a new step under the same heading (the code was
 * sent, the key is shown) moves it to the first empty text field, where the user goes next. The
 * first screen only takes focus when `autofocus` says so, and then in its first field, as
 * `autofocus` means: a page should not jump to an element below the fold on load. A new error
 * about what was typed selects the field for a retry, and a new error box is scrolled into view.
 */
export class FocusController implements ReactiveController {
  private key?: string;
  private pending = false;
  private shownAny = false;
  private heading?: string | null;
  private shownError?: FlowError;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly options: ScreenFocusOptions,
  ) {
    host.addController(this);
  }

  /** Call before rendering with a key for what is on screen; true when it is a new screen. */
  show(key: string): boolean {
    if (key === this.key) return false;
    this.key = key;
    this.pending = true;
    return true;
  }

  hostUpdated(): void {
    const { inputErrors, ready = () => true, autofocus = () => false } = this.options;
    const error = this.options.error();
    const root = this.host.renderRoot;
    const fresh = !!error && error !== this.shownError;
    let moved = false;
    if (this.pending && ready()) {
      this.pending = false;
      const first = !this.shownAny;
      this.shownAny = true;
      const title = root.querySelector<HTMLElement>('.screen .title');
      const same = title?.textContent === this.heading;
      this.heading = title?.textContent;
      if (!first || autofocus()) {
        // The first field still to fill: with a username pre-filled (login-hint), the password.
        const fields = first || same ? [...root.querySelectorAll<HTMLInputElement>('.screen input:not([type="checkbox"]):not([disabled])')] : [];
        (fields.find((f) => !f.value) ?? fields[0] ?? title)?.focus();
        moved = true;
      }
    } else if (fresh) {
      moved = true;
      if (inputErrors.has(error.error)) {
        const input = root.querySelector<HTMLInputElement>('.screen input[aria-invalid="true"]');
        input?.focus();
        input?.select();
      }
    }
    // Where the user looks may be far from the box on a phone: bring it into view, no further.
    if (fresh && moved) root.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
    this.shownError = error;
  }
}
