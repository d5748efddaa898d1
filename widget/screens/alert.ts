import { html, nothing } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { FlowError, FlowIssue } from '../types.js';
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

/** Always the catalogue's words, in the element's language: the server's `message` is English. */
export function errorText(ctx: ScreenContext, error: FlowError): string {
  const { t } = ctx;
  const parts = [t.errors[error.error] ?? t.unknownError];
  if (error.attemptsRemaining !== undefined) parts.push(t.attemptsLeft(error.attemptsRemaining));
  if (error.retryAfter !== undefined) parts.push(t.retryIn(Math.ceil(error.retryAfter)));
  return parts.join(' ');
}

/** "Mobile number: Not in the right format.", for a field the widget has a label for. */
function issueText(t: Strings, issue: FlowIssue): string | undefined {
  const labels: Record<string, string> = { username: t.password.username, password: t.password.password, code: t.code.label, phone: t.sms.phone };
  const label = labels[issuePath(issue).split('.')[0] ?? ''];
  const kind = issue.code as keyof Strings['issues'] | undefined;
  return label && `${label}: ${t.issues[kind && kind in t.issues ? kind : 'other']}`;
}

export function errorAlert(ctx: ScreenContext, error: FlowError | undefined, on: AlertActions) {
  if (!error) return nothing;
  const { t } = ctx;
  const wait = on.resend?.wait ?? 0;
  const issues = (error.issues ?? []).map((issue) => issueText(t, issue)).filter((text) => !!text);
  return html`<div part="error" class="error" role="alert" id=${ERROR_ID}>
    <p>${errorText(ctx, error)}</p>
    ${issues.length ? html`<ul>${issues.map((issue) => html`<li>${issue}</li>`)}</ul>` : nothing}
    ${
      on.retry || on.resend || on.restart
        ? html`<div class="row">
          ${
            on.retry
              ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.retry}>${t.retry}</button>`
              : nothing
          }
          ${
            on.resend
              ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy || wait > 0}
                @click=${on.resend.send}>${t.sendNewCode}</button>${wait > 0 ? html`<span>${t.delivery.resendIn(wait)}</span>` : nothing}`
              : nothing
          }
          ${
            on.restart
              ? html`<button part="link-button" class="link" type="button" ?disabled=${ctx.busy} @click=${on.restart}>${t.ended.startAgain}</button>`
              : nothing
          }
        </div>`
        : nothing
    }
  </div>`;
}
