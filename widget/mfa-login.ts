import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ClockController } from './clock.js';
import { FlowController } from './controller.js';
import { CopyDownloadController } from './copy-download.js';
import { FocusController } from './focus.js';
import type { I18nOverrides } from './i18n/index.js';
import { LocaleController } from './i18n/locale.js';
import { methodScreen } from './method-screens.js';
import { isEnding, selectScreen, type Screen } from './screen.js';
import { ERROR_ID, errorAlert } from './screens/alert.js';
import { backupCodeScreen } from './screens/backup-code.js';
import { backupCodesScreen } from './screens/backup-codes.js';
import { chooseMethod } from './screens/choose.js';
import { type ScreenContext, screenContext } from './screens/context.js';
import { secondsUntil } from './screens/delivery.js';
import { doneScreen } from './screens/done.js';
import { emailScreen } from './screens/email.js';
import { endedScreen, SELF_EXPLAINED } from './screens/error.js';
import { passwordScreen } from './screens/password.js';
import { smsScreen } from './screens/sms.js';
import { totpEnrollScreen } from './screens/totp-enroll.js';
import { totpScreen } from './screens/totp.js';
import { baseStyles } from './styles/base.js';
import { screenStyles } from './styles/screens.js';
import type { BackupCodeOption, EmailOption, FlowConfig, FlowError, FlowOption, SmsOption, StepUpConfig } from './types.js';
import type { WebOtpController } from './web-otp.js';

export type { MfaLoginCompleteDetail } from './events.js';
export type * from './types.js';
export type { I18nOverrides, Language, Strings, StringsOverride } from './i18n/index.js';

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
 * The handle of an unfinished flow is kept in sessionStorage, so a reload carries on. A flow
 * that cannot go on (expired, or too many wrong answers with nothing else to try) ends on a
 * screen with "Start again"; after too many wrong answers the error box offers it too.
 *
 * @attr server - Base URL of the mfa-login server; empty means this page's origin.
 * @attr client-id - The client registered on the server (required).
 * @attr nonce - Echoed in the id_token's `nonce` claim.
 * @attr acr - Names the authentication sequence to use.
 * @attr login-hint - Pre-fills the username.
 * @attr lang - Language of the texts: else the nearest `lang` in the page, else the browser's
 *   languages; `de-AT` falls back to `de`, `pt-PT` to `pt-BR`, then English. `ar`, `he` and
 *   `fa` are laid out right to left. Other languages load on demand from files beside this one.
 * @attr theme - `light`, `dark` or `auto` (default: follows `prefers-color-scheme`).
 * @attr autofocus - Also focus the first field of the first screen.
 *
 * @event mfa-login-complete - `{idToken, claims, backupCodesRemaining?}`. `claims` is the decoded
 *   payload, NOT verified: verify `idToken` on your server or against `/.well-known/jwks.json`.
 *   `backupCodesRemaining` is there only when the sign-in used a backup code: the unused codes
 *   the user has left (the done screen warns at 2 or fewer), so the page can prompt for new ones.
 * @event mfa-login-error - `{error, message, requestId?}` for each error shown to the user;
 *   `requestId` (when the server answered one) finds the request in the server's logs.
 * @event mfa-login-step - The flow state after each answer from the server.
 *
 * @slot logo - Above everything, e.g. the site's logo.
 * @slot header - Above the step counter, e.g. a heading of the page's own.
 * @slot footer - Under everything, e.g. terms and help links.
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
 * @csspart status - Polite status line (the flow changed in another window).
 * @csspart note - Small print: countdowns, expiry times.
 * @csspart warning - The few-backup-codes-left warnings (on the backup code and done screens).
 * @csspart qr - The enrolment QR code image.
 * @csspart secret - The manual TOTP key.
 * @csspart codes - The list of new backup codes.
 * @csspart methods - The "Use another method" list.
 * @csspart footer - The "Not you? Start again" line.
 *
 * @cssproperty --mfa-login-accent - Buttons, links, focus rings. Default `#2557d6` (`#8fb0ff` dark).
 *   Colours apply to both themes; give each with `light-dark(light, dark)`.
 * @cssproperty --mfa-login-accent-contrast - Text on the accent colour. Default `#fff`.
 * @cssproperty --mfa-login-radius - Corner radius of the card; fields use a share of it.
 * @cssproperty --mfa-login-font - Font family.
 * @cssproperty --mfa-login-text - Text colour.
 * @cssproperty --mfa-login-muted - Secondary text colour.
 * @cssproperty --mfa-login-background - Card and field background.
 * @cssproperty --mfa-login-border - Borders of the card and dividers.
 * @cssproperty --mfa-login-field-border - Borders of fields and secondary buttons; keep 3:1 against
 *   the background. Default `#7b8494`.
 * @cssproperty --mfa-login-error - Error colour.
 * @cssproperty --mfa-login-warning - Warning colour.
 * @cssproperty --mfa-login-max-width - Width of the card. Default `26em`.
 * @cssproperty --mfa-login-font-size - The element's font size; every size follows it, not the page's
 *   `rem`. Default `16px`.
 */
export class MfaLogin extends LitElement {
  static override styles = [baseStyles, screenStyles];

  static override properties = {
    server: { type: String },
    clientId: { type: String, attribute: 'client-id' },
    nonce: { type: String },
    acr: { type: String },
    loginHint: { type: String, attribute: 'login-hint' },
    stepUp: { attribute: false },
    i18n: { attribute: false },
    theme: { reflect: true },
    saved: { state: true },
  };

  /** Base URL of the mfa-login server; empty means `location.origin`. */
  declare server: string;
  declare clientId: string;
  declare nonce: string | undefined;
  declare acr: string | undefined;
  declare loginHint: string | undefined;
  /** Set by `<mfa-login-settings>` to run a step-up for settings in place of a login. */
  declare stepUp: StepUpConfig | undefined;
  /** Any string replaced, per language: `{ de: { password: { title: 'Anmelden' } } }`. */
  declare i18n: I18nOverrides | undefined;
  /** `light`, `dark`, or `auto` (the default: the system's `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto' | undefined;

  /** The "I have saved these codes" checkbox. */
  declare private saved: boolean;

  readonly flow = new FlowController(this, () => this.config());
  private readonly locale = new LocaleController(this, () => this.i18n);
  private readonly clock = new ClockController(this);
  /** WebOTP, loaded when a texted code is on its way and the browser can read it (Chromium). */
  private webOtp?: WebOtpController;
  private readonly keep = new CopyDownloadController(
    this,
    () => this.flow.backupCodes,
    () => this.locale.strings,
    () => this.flow.state?.user?.username,
  );
  private readonly screenFocus = new FocusController(this, {
    inputErrors: INPUT_ERRORS,
    error: () => this.flow.error,
    ready: () => this.screen().name !== 'loading',
    autofocus: () => this.autofocus,
  });
  /** The error last rendered: a new one replaces what a copy button said. */
  private shownError?: FlowError;

  constructor() {
    super();
    this.server = '';
    this.clientId = '';
    this.saved = false;
  }

  /** Abandons the current flow and starts a new one, e.g. for "Sign out" on the page. */
  restart(): Promise<void> {
    this.saved = false;
    return this.flow.restart();
  }

  /** Each render waits for its language's module, so the page's language shows from the first. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.locale.ready();
    super.scheduleUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved back into the page: re-render so the download link and the WebOTP wait come back.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(): void {
    const fresh = this.screenFocus.show(screenKey(this.screen(), !!this.flow.state?.enrollment));
    if (fresh || this.flow.error !== this.shownError) this.keep.clear();
    this.shownError = this.flow.error;
  }

  protected override render() {
    const screen = this.screen();
    const ctx = this.context(screen);
    // The screen first: a form shows the error box under its field; else it goes on top.
    const body = this.flow.device?.(ctx, html) ?? this.renderScreen(ctx, screen);
    const state = this.flow.state;
    // An ended screen is about the flow as a whole: no step, no "Not you?" beside its "Start again".
    const pending = state?.status === 'pending' && !isEnding(screen.name);
    const step = pending ? state.step : undefined;
    // Not in a step-up: its user is the one signed in, changing their own settings.
    const name = !this.stepUp && (state?.user?.displayName || state?.user?.username);
    return html`<div part="base" class="card" lang=${ctx.lang} dir=${this.locale.dir}>
      <slot name="logo"></slot>
      <slot name="header"></slot>
      ${
        (step && step.total > 1) || (pending && name)
          ? html`<div part="header" class="header">
            ${step && step.total > 1 ? html`<p>${ctx.t.stepOf(step.number, step.total)}</p>` : nothing}
            ${pending && name ? html`<p>${ctx.t.signingInAs(name)}</p>` : nothing}
          </div>`
          : nothing
      }
      ${ctx.errorBox()}
      <div class="screen">${body}</div>
      ${chooseMethod(ctx, screen.alternatives, { choose: (method) => this.flow.choose(method) })}
      ${
        pending && state.user && !this.stepUp
          ? html`<p part="footer" class="footer">
            <button part="link-button" class="link" type="button" @click=${() => this.restart()}>${ctx.t.notYou}</button>
          </p>`
          : nothing
      }
      <p part="status" class="status" role="status">${this.refreshedText(ctx)}</p>
      <div class="few-codes" role="status">${this.fewCodesWarning(ctx, screen)}</div>
      <p class="sr-only" role="status">${this.keep.notice || (this.resent(screen) ? ctx.t.delivery.sentNew : '')}</p>
      <slot name="footer"></slot>
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const screen = this.screen();
    const option = screen.option as SmsOption | EmailOption | undefined;
    const delivery = option && (screen.name === 'sms' || screen.name === 'email');
    const sent = delivery && option.sent;
    this.clock.runUntil(delivery && option.resendAfter ? Date.parse(option.resendAfter) : undefined);
    const otp = sent && screen.name === 'sms' ? `${this.flow.state?.flow}:${option.codeExpiresAt ?? option.resendAfter ?? ''}` : undefined;
    if (otp && !this.webOtp && 'OTPCredential' in window)
      void import('./web-otp.js').then((m) => {
        this.webOtp ??= new m.WebOtpController(this, (code) => this.fillSmsCode(code));
        this.requestUpdate();
      });
    this.webOtp?.listen(otp);
    // Too many wrong answers with nothing else to try: a reload should not come back to it.
    if (screen.name === 'locked') this.flow.forget();
    // Its chunk asks the browser to list passkeys under the username field, and stops when the field goes.
    if (offersPasskey(screen)) methodScreen('passkey', this)?.autofill?.(this);
  }

  private renderScreen(ctx: ScreenContext, screen: Screen) {
    const flow = this.flow;
    switch (screen.name) {
      case 'loading':
        return html`<p class="hint">${ctx.t.loading}</p>`;
      case 'password':
        return passwordScreen(ctx, this.loginHint, { submit: flow.password }, offersPasskey(screen));
      case 'totp':
        return totpScreen(ctx, { verify: flow.verifyTotp });
      case 'totp-enroll':
        return totpEnrollScreen(ctx, flow.state?.enrollment, {
          enroll: flow.enrollTotp,
          verify: flow.verifyTotp,
          copy: this.keep.copy,
          result: this.keep.result,
        });
      case 'sms':
        return smsScreen(
          ctx,
          screen.option as SmsOption,
          { send: flow.sendSms, verify: flow.verifySms, enroll: flow.enrollSms },
          { resent: this.resent(screen) },
        );
      case 'email':
        return emailScreen(ctx, screen.option as EmailOption, { send: flow.sendEmail, verify: flow.verifyEmail }, this.resent(screen));
      case 'backup-code':
        return backupCodeScreen(ctx, screen.option as BackupCodeOption, { verify: flow.verifyBackupCode });
      case 'backup-codes':
        return backupCodesScreen(ctx, flow.backupCodes ?? [], this.saved, this.keep.downloadUrl, {
          copy: this.keep.copy,
          result: this.keep.result,
          savedChange: (saved) => (this.saved = saved),
          continue: () => {
            this.saved = false;
            flow.acknowledgeBackupCodes();
          },
        });
      case 'done':
        return doneScreen(ctx, flow.state?.user);
      case 'method':
        // The same screen name for the offer after a complete sign-in: the flow says which.
        return methodScreen(screen.option!.method, this)?.[flow.offering ? 'offer' : 'screen']?.({ html, ctx, option: screen.option!, host: this });
      default:
        return isEnding(screen.name) ? endedScreen(ctx, screen.name, { restart: () => this.restart() }) : nothing;
    }
  }

  private alertActions(screen: Screen) {
    const code = this.flow.error?.error ?? '';
    const send = screen.name === 'sms' ? this.flow.sendSms : screen.name === 'email' ? this.flow.sendEmail : undefined;
    const option = screen.option as SmsOption | EmailOption | undefined;
    // A dead challenge's screen has its own "Send a new code"; a code still on screen needs this one.
    const resend =
      send && CODE_DEAD.has(code) && option?.sent ? { send: () => void send(), wait: secondsUntil(option.resendAfter, this.clock.now()) } : undefined;
    return {
      retry: this.flow.canRetry ? () => void this.flow.retry() : undefined,
      resend,
      restart: code === 'too_many_attempts' ? () => void this.restart() : undefined,
    };
  }

  /** A code replaced an earlier one for the method on screen. */
  private resent(screen: Screen): boolean {
    return !!this.flow.resent && this.flow.resent === screen.option?.method;
  }

  /** Under the done screen, in a live region kept from the start so it is heard when it fills. */
  private fewCodesWarning(ctx: ScreenContext, screen: Screen) {
    const left = this.flow.backupCodesLeft;
    return screen.name === 'done' && left?.low ? html`<p part="warning" class="warning">${ctx.t.done.fewBackupCodes(left.remaining)}</p>` : nothing;
  }

  private refreshedText(ctx: ScreenContext): string {
    const cause = this.flow.refreshed;
    return cause ? ctx.t.refreshed[cause] : '';
  }

  private screen(): Screen {
    const { state, error, backupCodes, chosen, offering } = this.flow;
    const method = chosen && chosen.step === state?.step?.number ? chosen.method : undefined;
    return selectScreen({ state, error, backupCodes, chosen: method, offering });
  }

  private context(screen: Screen): ScreenContext {
    const lang = this.locale.lang;
    const error = this.flow.error;
    // An ending that says what happened has no error box for fields to point at.
    const boxed = error && !(isEnding(screen.name) && SELF_EXPLAINED.has(screen.name));
    const ctx: ScreenContext = screenContext({
      t: this.locale.strings,
      lang,
      busy: this.flow.busy,
      now: this.clock.now(),
      error,
      inputErrors: INPUT_ERRORS,
      errorId: ERROR_ID,
      box: boxed ? () => errorAlert(ctx, error, this.alertActions(screen)) : undefined,
    });
    return ctx;
  }

  private config(): FlowConfig {
    return {
      server: this.server ?? '',
      clientId: this.clientId ?? '',
      nonce: this.nonce || undefined,
      acr: this.acr || undefined,
      loginHint: this.loginHint || undefined,
      ...(this.stepUp ? { stepUp: this.stepUp } : {}),
    };
  }

  /** WebOTP read the SMS: show the code in the field, then submit it as if typed. */
  private fillSmsCode(code: string): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]');
    if (input) input.value = code;
    void this.flow.verifySms(code);
  }
}

/** The username field can offer passkeys too: the password screen of a step that also takes one. */
const offersPasskey = (screen: Screen) => screen.name === 'password' && screen.alternatives.some((o) => o.method === 'passkey');

/**
 * Screens that differ only in what they ask for next (code sent, enrolment begun, a new code
 * on its way) count as new: focus moves to their field.
 */
function screenKey(screen: Screen, enrolling: boolean): string {
  const option = screen.option as (FlowOption & { sent?: boolean; codeExpiresAt?: string }) | undefined;
  return [screen.name, option?.method, option?.sent, option?.codeExpiresAt, enrolling].join(':');
}

if (!customElements.get('mfa-login')) customElements.define('mfa-login', MfaLogin);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-login': MfaLogin;
  }
}
