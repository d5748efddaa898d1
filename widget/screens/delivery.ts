import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { formatTime } from '../time.js';
import type { ScreenContext } from './context.js';
import { codeField, codeFrom, onSubmit, submitButton } from './fields.js';

/** What SMS and e-mail options share once a code may have gone out. */
export interface DeliveredCode {
  sent?: boolean;
  resendAfter?: string;
  codeExpiresAt?: string;
  attemptsRemaining?: number;
}

export interface DeliveryActions {
  send(): void;
  verify(code: string): void;
}

export function secondsUntil(iso: string | undefined, now: number): number {
  const at = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Too many wrong codes killed the last one: no field to type into, only a new code goes on. */
export function isDead(option: DeliveredCode): boolean {
  return !option.sent && option.attemptsRemaining === 0;
}

/** Held back, with a countdown, while the server would refuse a new code (`rate_limited`). */
export function sendButton(ctx: ScreenContext, label: string, option: DeliveredCode, send: () => void) {
  const wait = secondsUntil(option.resendAfter, ctx.now);
  return html`<button part="button" class="primary" type="button" ?disabled=${ctx.busy || wait > 0} @click=${send}>${label}</button>
    ${wait > 0 ? html`<p class="note" part="note">${ctx.t.delivery.resendIn(wait)}</p>` : nothing}`;
}

/**
 * The code field, then a countdown that turns into "Resend code", then when the code dies.
 * `resent`: the code on screen replaced an earlier one, which the user hears about here.
 */
export function deliveredCodeForm(ctx: ScreenContext, option: DeliveredCode, on: DeliveryActions, resent = false) {
  const { t } = ctx;
  const wait = secondsUntil(option.resendAfter, ctx.now);
  const expires = option.codeExpiresAt ? formatTime(option.codeExpiresAt, ctx.lang) : '';
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
      ${resent ? html`<p class="note" part="note">${t.delivery.sentNew}</p>` : nothing}
      ${
        wait > 0
          ? html`<p class="note" part="note">${t.delivery.resendIn(wait)}</p>`
          : html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.send}>
            ${t.delivery.resend}
          </button>`
      }
      ${expires ? html`<p class="note" part="note">${t.delivery.expiresAt(expires)}</p>` : nothing}
    </div>`;
}
