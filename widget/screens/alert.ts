import { html, nothing } from 'lit';
import type { FlowError } from '../types.js';
import type { ScreenContext } from './context.js';

export interface AlertActions {
  /** Offered when the call never got a contract answer. */
  retry?: () => void;
  /** Offered when the sent code is dead and a new one would help. */
  resend?: () => void;
  /** Offered when this flow has had too many wrong answers: a new one starts afresh. */
  restart?: () => void;
}

export const ERROR_ID = 'mfa-login-error';

/** Localised text for a contract error; codes this version does not know show the server's. */
export function errorText(ctx: ScreenContext, error: FlowError): string {
  const { t } = ctx;
  const parts = [t.errors[error.error] ?? error.message];
  if (error.attemptsRemaining !== undefined) parts.push(t.attemptsLeft(error.attemptsRemaining));
  if (error.retryAfter !== undefined) parts.push(t.retryIn(Math.ceil(error.retryAfter)));
  return parts.join(' ');
}

export function errorAlert(ctx: ScreenContext, error: FlowError | undefined, on: AlertActions) {
  if (!error) return nothing;
  const { t } = ctx;
  return html`<div part="error" class="error" role="alert" id=${ERROR_ID}>
    <p>${errorText(ctx, error)}</p>
    ${error.issues?.length
      ? html`<ul>${error.issues.map((issue) => html`<li>${issue.path.join('.')}: ${issue.message}</li>`)}</ul>`
      : nothing}
    ${on.retry || on.resend || on.restart
      ? html`<div class="row">
          ${on.retry
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.retry}>${t.retry}</button>`
            : nothing}
          ${on.resend
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.resend}>${t.sendNewCode}</button>`
            : nothing}
          ${on.restart
            ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.restart}>${t.ended.startAgain}</button>`
            : nothing}
        </div>`
      : nothing}
  </div>`;
}
