import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { ScreenContext } from './context.js';
import { codeField, codeFrom, onSubmit, submitButton } from './fields.js';

/** What SMS and e-mail options share once a code may have gone out. */
export interface DeliveredCode {
  sent?: boolean;
  resendAfter?: string;
  codeExpiresAt?: string;
}

export interface DeliveryActions {
  send(): void;
  verify(code: string): void;
}

export function secondsUntil(iso: string | undefined, now: number): number {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

export function sendButton(ctx: ScreenContext, label: string, send: () => void) {
  return html`<button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${send}>${label}</button>`;
}

/** The code field, then a countdown that turns into "Resend code", then when the code dies. */
export function deliveredCodeForm(ctx: ScreenContext, option: DeliveredCode, on: DeliveryActions) {
  const { t } = ctx;
  const wait = secondsUntil(option.resendAfter, ctx.now);
  const expires = option.codeExpiresAt ? new Date(option.codeExpiresAt) : undefined;
  // A new code gets a fresh, empty field: the old code would only fail.
  return html`${keyed(
      option.codeExpiresAt,
      html`<form part="form" class="form" @submit=${onSubmit((data) => on.verify(codeFrom(data)))}
        aria-busy=${ctx.busy ? 'true' : 'false'}>
        ${codeField(ctx, { label: t.code.label, kind: 'numeric' })}
        ${submitButton(ctx, t.code.submit)}
      </form>`,
    )}
    <div class="resend">
      ${wait > 0
        ? html`<p class="note" part="note">${t.delivery.resendIn(wait)}</p>`
        : html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.send}>
            ${t.delivery.resend}
          </button>`}
      ${expires && !Number.isNaN(expires.getTime())
        ? html`<p class="note" part="note">
            ${t.delivery.expiresAt(expires.toLocaleTimeString(ctx.lang || undefined, { hour: '2-digit', minute: '2-digit' }))}
          </p>`
        : nothing}
    </div>`;
}
