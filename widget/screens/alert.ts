import { html, nothing } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { FlowError } from '../types.js';
import { issuePath, type ScreenContext } from './context.js';

export interface AlertActions {
  /** Offered when the call never got a contract answer. */
  retry?: () => void;
  /** Offered when the sent code is dead and a new one would help; disabled for `wait` seconds. */
  resend?: { send: () => void; wait: number };
  /** Offered when this flow has had too many wrong answers: a new one starts afresh. */
  restart?: () => void;
}

export const ERROR_ID = 'mfa-login-error';

/**
 * The catalog's words, or the server's where they say more than the catalog's generic text:
 * why a request was refused when no field is named, and why a limit was hit, unless the
 * server only states the wait in raw seconds, which `retryIn` says in words.
 */
function words(t: Strings, error: FlowError, wait: number | undefined): string {
  const generic = t.errors[error.error];
  const theirs = error.message.trim();
  if (!generic || !theirs) return generic ?? theirs;
  if (error.error === 'invalid_request') return error.issues?.length ? generic : theirs;
  if (error.error === 'rate_limited') return wait !== undefined && new RegExp(`\\b${wait}\\b`).test(theirs) ? generic : theirs;
  return generic;
}

/** Localised text for a contract error; codes this version does not know show the server's. */
export function errorText(ctx: ScreenContext, error: FlowError): string {
  const { t } = ctx;
  const wait = error.retryAfter === undefined ? undefined : Math.ceil(error.retryAfter);
  const parts = [words(t, error, wait)];
  if (error.attemptsRemaining !== undefined) parts.push(t.attemptsLeft(error.attemptsRemaining));
  if (wait !== undefined) parts.push(t.retryIn(wait));
  return parts.join(' ');
}

export function errorAlert(ctx: ScreenContext, error: FlowError | undefined, on: AlertActions) {
  if (!error) return nothing;
  const { t } = ctx;
  const wait = on.resend?.wait ?? 0;
  return html`<div part="error" class="error" role="alert" id=${ERROR_ID}>
    <p>${errorText(ctx, error)}</p>
    ${error.issues?.length
      ? html`<ul>${error.issues.map((issue) => html`<li>${[issuePath(issue), issue.message].filter(Boolean).join(': ')}</li>`)}</ul>`
      : nothing}
    ${on.retry || on.resend || on.restart
      ? html`<div class="row">
          ${on.retry
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.retry}>${t.retry}</button>`
            : nothing}
          ${on.resend
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy || wait > 0}
                @click=${on.resend.send}>${t.sendNewCode}</button>${wait > 0 ? html`<span>${t.delivery.resendIn(wait)}</span>` : nothing}`
            : nothing}
          ${on.restart
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.restart}>${t.ended.startAgain}</button>`
            : nothing}
        </div>`
      : nothing}
  </div>`;
}
