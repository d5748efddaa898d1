import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isRtl } from '../i18n/pick.js';
import type { ScreenContext } from './context.js';

/** A submit listener that hands over the form's fields and keeps the page where it is. */
export function onSubmit(handler: (data: FormData) => void) {
  return (event: SubmitEvent) => {
    event.preventDefault();
    handler(new FormData(event.target as HTMLFormElement));
  };
}

/** Codes are often pasted with spaces ("123 456"); the server wants them without. */
export function codeFrom(data: FormData, name = 'code'): string {
  return String(data.get(name) ?? '').replace(/\s+/g, '');
}

/**
 * A number or address inside a right-to-left sentence, isolated left to right (U+2066 … U+2069)
 * so "+1 ••• 4567" is not reordered; left-to-right text needs no marks.
 */
export const ltr = (ctx: Pick<ScreenContext, 'lang'>, text: string) => (isRtl(ctx.lang) ? `\u2066${text}\u2069` : text);

export function title(text: string) {
  return html`<h2 part="title" class="title" tabindex="-1">${text}</h2>`;
}

export interface CopyActions {
  copy(text: string): void;
  /** How copying `text` went, while the button should say so. */
  result(text: string): 'copied' | 'failed' | undefined;
}

/** Says "Copied" itself for a moment, where the user looks; a failure says what to do instead. */
export function copyButton(ctx: ScreenContext, label: string, text: string, on: CopyActions) {
  const result = on.result(text);
  return html`<button part="secondary-button" class="secondary" type="button" @click=${() => on.copy(text)}>
      ${result === 'copied' ? ctx.t.copiedButton : label}
    </button>
    ${result === 'failed' ? html`<p part="note" class="note copy-failed">${ctx.t.copyFailed}</p>` : nothing}`;
}

export function submitButton(ctx: ScreenContext, label: string) {
  return html`<button part="button" class="primary" type="submit" ?disabled=${ctx.busy}>${label}</button>`;
}

export interface CodeFieldOptions {
  label: string;
  /** `numeric` for sent and TOTP codes, `text` for backup codes. */
  kind: 'numeric' | 'text';
}

/** Pasted codes come as "123 456" or "123-456"; keep the digits so the pattern still fits. */
function digitsOnly(event: Event): void {
  const input = event.target as HTMLInputElement;
  const digits = input.value.replace(/\D+/g, '');
  if (digits !== input.value) input.value = digits;
}

export function codeField(ctx: ScreenContext, { label, kind }: CodeFieldOptions) {
  const numeric = kind === 'numeric';
  return html`<div class="field">
    <label part="label" for="code">${label}</label>
    <input
      part="input"
      class=${numeric ? 'code' : 'code text'}
      dir="ltr"
      id="code"
      name="code"
      type="text"
      required
      autocomplete="one-time-code"
      autocapitalize="none"
      spellcheck="false"
      inputmode=${numeric ? 'numeric' : 'text'}
      pattern=${numeric ? '[0-9]*' : nothing}
      @input=${numeric ? digitsOnly : undefined}
      aria-invalid=${ctx.invalid('code') ? 'true' : 'false'}
      aria-describedby=${ifDefined(ctx.errorId)}
    />
    ${ctx.errorBox()}
  </div>`;
}
