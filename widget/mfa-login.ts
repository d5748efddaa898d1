import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ClockController } from './clock.js';
import { FLOW_GONE, FlowController } from './controller.js';
import { stringsFor } from './i18n/index.js';
import { selectScreen, type Screen } from './screen.js';
import { ERROR_ID, errorAlert } from './screens/alert.js';
import { backupCodeScreen } from './screens/backup-code.js';
import { backupCodesScreen, backupCodesText } from './screens/backup-codes.js';
import { chooseMethod } from './screens/choose.js';
import type { ScreenContext } from './screens/context.js';
import { isSent } from './screens/delivery.js';
import { doneScreen } from './screens/done.js';
import { emailScreen } from './screens/email.js';
import { endedScreen } from './screens/error.js';
import { passwordScreen } from './screens/password.js';
import { smsScreen } from './screens/sms.js';
import { totpEnrollScreen } from './screens/totp-enroll.js';
import { totpScreen } from './screens/totp.js';
import { baseStyles } from './styles/base.js';
import { screenStyles } from './styles/screens.js';
import type { BackupCodeOption, EmailOption, FlowConfig, FlowOption, Method, SmsOption, TotpOption } from './types.js';
import { WebOtpController } from './web-otp.js';

export type { MfaLoginCompleteDetail } from './events.js';
export type * from './types.js';

/** Errors about what the user typed: the field is marked invalid and selected for a retry. */
const INPUT_ERRORS = new Set(['invalid_code', 'invalid_credentials', 'code_expired', 'invalid_request']);
/** Errors after which a fresh SMS or e-mail code is the way on. */
const CODE_DEAD = new Set(['too_many_attempts', 'code_expired', 'delivery_failed']);

/**
 * A multi-factor sign-in: password, then SMS, authenticator app (with QR enrolment), e-mail
 * or backup codes, as the server's authentication sequence asks, ending with an OpenID
 * Connect id_token.
 *
 * ```html
 * <script type="module" src="https://auth.example.com/widget/mfa-login.js"></script>
 * <mfa-login server="https://auth.example.com" client-id="shop"></mfa-login>
 * ```
 *
 * The handle of an unfinished flow is kept in sessionStorage, so a reload carries on.
 *
 * @attr server - Base URL of the mfa-login server; empty means this page's origin.
 * @attr client-id - The client registered on the server (required).
 * @attr nonce - Echoed in the id_token's `nonce` claim.
 * @attr acr - Names the authentication sequence to use.
 * @attr login-hint - Pre-fills the username.
 * @attr lang - Language of the texts (falls back to the nearest `lang` in the page).
 * @attr autofocus - Also focus the first field of the first screen.
 *
 * @event mfa-login-complete - `{idToken, claims}`. `claims` is the decoded payload, NOT
 *   verified: verify `idToken` on your server or against `/.well-known/jwks.json`.
 * @event mfa-login-error - `{error, message}` for each error shown to the user.
 * @event mfa-login-step - The flow state after each answer from the server.
 *
 * @csspart base - The card around everything.
 * @csspart header - Step counter and user name.
 * @csspart title - Each screen's heading.
 * @csspart form - Each form.
 * @csspart label - Field and checkbox labels.
 * @csspart input - Text, password, phone and code fields.
 * @csspart button - Primary buttons.
 * @csspart secondary-button - Copy and download buttons.
 * @csspart link-button - Text buttons: resend, retry, other methods.
 * @csspart link - Links (open in authenticator app).
 * @csspart error - The inline error box.
 * @csspart status - Polite status line ("Copied.").
 * @csspart note - Small print: countdowns, expiry times.
 * @csspart warning - The few-backup-codes-left warning.
 * @csspart qr - The enrolment QR code image.
 * @csspart secret - The manual TOTP key.
 * @csspart codes - The list of new backup codes.
 * @csspart methods - The "Use another method" list.
 * @csspart footer - The "Not you? Start again" line.
 *
 * @cssproperty --mfa-login-accent - Buttons, links, focus rings. Default `#2557d6`.
 * @cssproperty --mfa-login-accent-contrast - Text on the accent colour. Default `#fff`.
 * @cssproperty --mfa-login-radius - Corner radius of the card; fields use a share of it.
 * @cssproperty --mfa-login-font - Font family.
 * @cssproperty --mfa-login-text - Text colour.
 * @cssproperty --mfa-login-muted - Secondary text colour.
 * @cssproperty --mfa-login-background - Card and field background.
 * @cssproperty --mfa-login-border - Borders.
 * @cssproperty --mfa-login-error - Error colour.
 * @cssproperty --mfa-login-warning - Warning colour.
 * @cssproperty --mfa-login-max-width - Width of the card. Default `26rem`.
 */
export class MfaLogin extends LitElement {
  static override styles = [baseStyles, screenStyles];

  static override properties = {
    server: { type: String },
    clientId: { type: String, attribute: 'client-id' },
    nonce: { type: String },
    acr: { type: String },
    loginHint: { type: String, attribute: 'login-hint' },
    chosen: { state: true },
    saved: { state: true },
    notice: { state: true },
  };

  /** Base URL of the mfa-login server; empty means `location.origin`. */
  declare server: string;
  declare clientId: string;
  declare nonce: string | undefined;
  declare acr: string | undefined;
  declare loginHint: string | undefined;

  /** The method picked under "Use another method", for the step it was picked in. */
  private declare chosen: { step: number; method: Method } | undefined;
  /** The "I have saved these codes" checkbox. */
  private declare saved: boolean;
  private declare notice: string;

  readonly flow = new FlowController(this, () => this.config());
  private readonly clock = new ClockController(this);
  private readonly webOtp = new WebOtpController(this, (code) => this.fillSmsCode(code));
  private downloadUrl?: string;
  private shownScreen?: string;
  private shownAny = false;
  private focusPending = false;
  private shownError?: object;

  constructor() {
    super();
    this.server = '';
    this.clientId = '';
    this.saved = false;
    this.notice = '';
  }

  /** Abandons the current flow and starts a new one, e.g. for "Sign out" on the page. */
  restart(): Promise<void> {
    this.chosen = undefined;
    this.saved = false;
    return this.flow.restart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved back into the page: re-render so the download link and the WebOTP wait come back.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revokeDownload();
  }

  protected override willUpdate(): void {
    if (this.flow.backupCodes && !this.downloadUrl) {
      const text = backupCodesText(this.strings(), this.flow.backupCodes);
      this.downloadUrl = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    } else if (!this.flow.backupCodes) {
      this.revokeDownload();
    }
    const key = screenKey(this.screen(), !!this.flow.state?.enrollment);
    if (key !== this.shownScreen) {
      this.shownScreen = key;
      this.notice = '';
      this.focusPending = true;
    }
  }

  protected override render() {
    const screen = this.screen();
    const ctx = this.context();
    const state = this.flow.state;
    const pending = state?.status === 'pending';
    const step = pending ? state.step : undefined;
    const name = state?.user?.displayName || state?.user?.username;
    return html`<div part="base" class="card" lang=${ctx.lang}>
      ${(step && step.total > 1) || (pending && name)
        ? html`<div part="header" class="header">
            ${step && step.total > 1 ? html`<p>${ctx.t.stepOf(step.number, step.total)}</p>` : nothing}
            ${pending && name ? html`<p>${ctx.t.signingInAs(name)}</p>` : nothing}
          </div>`
        : nothing}
      ${screen.name === 'expired' ? nothing : errorAlert(ctx, this.flow.error, this.alertActions(screen))}
      <div class="screen">${this.renderScreen(ctx, screen)}</div>
      ${chooseMethod(ctx, screen.alternatives, { choose: (method) => this.choose(method) })}
      ${pending && state.user
        ? html`<p part="footer" class="footer">
            <button part="link-button" class="link" type="button" @click=${() => this.restart()}>${ctx.t.notYou}</button>
          </p>`
        : nothing}
      <p part="status" class="status" role="status">${this.notice}</p>
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const screen = this.screen();
    const option = screen.option as SmsOption | EmailOption | undefined;
    const sent = option && (screen.name === 'sms' || screen.name === 'email') && isSent(option);
    this.clock.runUntil(sent && option.resendAfter ? Date.parse(option.resendAfter) : undefined);
    this.webOtp.listen(
      sent && screen.name === 'sms' ? `${this.flow.state?.flow}:${option.codeExpiresAt ?? option.resendAfter ?? ''}` : undefined,
    );
    this.manageFocus(screen);
  }

  private renderScreen(ctx: ScreenContext, screen: Screen) {
    const flow = this.flow;
    switch (screen.name) {
      case 'loading':
        return html`<p class="hint">${ctx.t.loading}</p>`;
      case 'password':
        return passwordScreen(ctx, this.loginHint, { submit: flow.password });
      case 'totp':
        return totpScreen(ctx, { verify: flow.verifyTotp });
      case 'totp-enroll':
        return totpEnrollScreen(ctx, screen.option as TotpOption, flow.state?.enrollment, {
          enroll: flow.enrollTotp,
          verify: flow.verifyTotp,
          copy: (text) => this.copy(text),
        });
      case 'sms':
        return smsScreen(ctx, screen.option as SmsOption, {
          send: flow.sendSms,
          verify: flow.verifySms,
          enroll: flow.enrollSms,
        });
      case 'email':
        return emailScreen(ctx, screen.option as EmailOption, { send: flow.sendEmail, verify: flow.verifyEmail });
      case 'backup-code':
        return backupCodeScreen(ctx, screen.option as BackupCodeOption, { verify: flow.verifyBackupCode });
      case 'backup-codes':
        return backupCodesScreen(ctx, flow.backupCodes ?? [], this.saved, this.downloadUrl ?? '', {
          copy: (text) => this.copy(text),
          savedChange: (saved) => (this.saved = saved),
          continue: () => {
            this.saved = false;
            flow.acknowledgeBackupCodes();
          },
        });
      case 'done':
        return doneScreen(ctx, flow.state?.user);
      default:
        return endedScreen(ctx, screen.name, { restart: () => this.restart() });
    }
  }

  private alertActions(screen: Screen) {
    const code = this.flow.error?.error ?? '';
    const resend = screen.name === 'sms' ? this.flow.sendSms : screen.name === 'email' ? this.flow.sendEmail : undefined;
    return {
      retry: this.flow.canRetry ? () => void this.flow.retry() : undefined,
      resend: resend && CODE_DEAD.has(code) && isSent(screen.option as SmsOption) ? () => void resend() : undefined,
    };
  }

  private screen(): Screen {
    const { state, error, backupCodes } = this.flow;
    const chosen = this.chosen && this.chosen.step === state?.step?.number ? this.chosen.method : undefined;
    return selectScreen({ state, error, backupCodes, chosen });
  }

  private context(): ScreenContext {
    const lang = this.language();
    const error = this.flow.error;
    return {
      t: stringsFor(lang),
      lang,
      busy: this.flow.busy,
      errorId: error && !FLOW_GONE.has(error.error) ? ERROR_ID : undefined,
      invalid: !!error && INPUT_ERRORS.has(error.error),
      now: this.clock.now(),
    };
  }

  private choose(method: Method): void {
    const step = this.flow.state?.step?.number;
    if (step === undefined) return;
    this.chosen = { step, method };
    this.flow.clearError();
  }

  private language(): string {
    return this.lang || this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  private strings() {
    return stringsFor(this.language());
  }

  private config(): FlowConfig {
    return {
      server: this.server ?? '',
      clientId: this.clientId ?? '',
      nonce: this.nonce || undefined,
      acr: this.acr || undefined,
      loginHint: this.loginHint || undefined,
    };
  }

  private async copy(text: string): Promise<void> {
    const t = this.strings();
    try {
      await navigator.clipboard.writeText(text);
      this.notice = t.copied;
    } catch {
      this.notice = t.copyFailed;
    }
  }

  /** WebOTP read the SMS: show the code in the field, then submit it as if typed. */
  private fillSmsCode(code: string): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]');
    if (input) input.value = code;
    void this.flow.verifySms(code);
  }

  /**
   * A new screen moves focus to its first text field, or else to its heading, so keyboard
   * and screen reader users start in the right place (a heading lets them read it from the top). The first screen only does when `autofocus` is
   * set: a page should not jump to a widget below the fold on load.
   */
  private manageFocus(screen: Screen): void {
    const error = this.flow.error;
    if (this.focusPending && screen.name !== 'loading') {
      this.focusPending = false;
      const first = !this.shownAny;
      this.shownAny = true;
      if (!first || this.autofocus) {
        const root = this.renderRoot;
        const field = root.querySelector<HTMLElement>('.screen input:not([type="checkbox"]):not([disabled])');
        (field ?? root.querySelector<HTMLElement>('.screen .title'))?.focus();
      }
    } else if (error && error !== this.shownError && INPUT_ERRORS.has(error.error)) {
      const input = this.renderRoot.querySelector<HTMLInputElement>('.screen input[aria-invalid="true"]');
      input?.focus();
      input?.select();
    }
    this.shownError = error;
  }

  private revokeDownload(): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = undefined;
  }
}

/**
 * Screens that differ only in what they ask for next (code sent, enrolment begun, a new code
 * on its way) count as new: focus moves to their field.
 */
function screenKey(screen: Screen, enrolling: boolean): string {
  const option = screen.option as (FlowOption & { sent?: boolean; codeExpiresAt?: string }) | undefined;
  return [screen.name, option?.method, option && isSent(option), option?.codeExpiresAt, enrolling].join(':');
}

if (!customElements.get('mfa-login')) customElements.define('mfa-login', MfaLogin);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-login': MfaLogin;
  }
}
