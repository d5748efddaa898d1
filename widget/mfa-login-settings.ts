import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ClockController } from './clock.js';
import { CopyDownloadController } from './copy-download.js';
import { FocusController } from './focus.js';
import type { I18nOverrides } from './i18n/index.js';
import { LocaleController } from './i18n/locale.js';
import { settingsBook } from './i18n/settings.js';
import { decodeJwtPayload } from './jwt.js';
import type { MfaLogin } from './mfa-login.js';
import { ERROR_ID, errorAlert, errorText } from './screens/alert.js';
import { backupCodesScreen } from './screens/backup-codes.js';
import { screenContext } from './screens/context.js';
import { smsScreen } from './screens/sms.js';
import { title } from './screens/fields.js';
import { totpEnrollScreen } from './screens/totp-enroll.js';
import { SettingsController } from './settings/controller.js';
import { emitReauthenticate } from './settings/events.js';
import { confirmBackupCodesScreen, factorsScreen } from './settings/factors.js';
import { removeTotpScreen, renameTotpScreen, totpNameField } from './settings/totp-apps.js';
import { settingsStyles } from './settings/styles.js';
import type { PhoneChallenge, SettingsContext } from './settings/types.js';
import { baseStyles } from './styles/base.js';
import { screenStyles } from './styles/screens.js';
import type { FlowError, SmsOption, StepUpConfig } from './types.js';
import { endpoint } from './request.js';

export type { MfaLoginReauthenticateDetail } from './settings/events.js';
export type * from './settings/types.js';

/** Errors about what the user typed: the field is marked invalid and selected for a retry. */
const INPUT_ERRORS = new Set(['invalid_code', 'code_expired', 'invalid_request']);

/** The phone panel speaks the login's SMS screen: a number to enrol, then the code sent to it. */
function phoneOption(challenge: PhoneChallenge | undefined): SmsOption {
  return { method: 'sms', enrolled: false, canEnroll: true, ...challenge };
}

/**
 * The signed-in user's sign-in methods: see them, add, rename and remove authenticator apps,
 * change the phone number (verified by a code sent to it) and make new backup codes, and
 * stop trusting the devices trusted to skip the second step.
 *
 * ```html
 * <mfa-login-settings server="https://auth.example.com" id-token="eyJ…"></mfa-login-settings>
 * ```
 *
 * The id_token only reads. Every change is authorised by a settings grant that the element gets
 * itself: it runs a step-up in place (the login's own screens, `<mfa-login>` with purpose
 * `settings`: a second factor again, the password too when the sign-in is older than the
 * server's `selfService.freshSeconds`). The grant is bound to a key only this element holds and
 * to this page's origin; it never reaches the page. `<mfa-login>` is loaded from the server's
 * `/widget/mfa-login.js` when the page has not loaded it. When the id_token itself is no longer
 * valid the element fires `mfa-login-reauthenticate`: sign the user in again and hand the new
 * id_token to `idToken`.
 *
 * @attr server - Base URL of the mfa-login server; empty means this page's origin.
 * @attr id-token - An id_token from this server (also the `idToken` property). Sent only in the
 *   Authorization header.
 * @attr client-id - The client the step-up runs for; defaults to the id_token's audience.
 * @attr lang - Language of the texts, found and loaded as `<mfa-login>` does.
 * @attr theme - `light`, `dark` or `auto` (default: follows `prefers-color-scheme`).
 *
 * @event mfa-login-reauthenticate - `{error, message}`: the id_token is expired or not valid;
 *   sign the user in again.
 *
 * @slot logo - Above everything, e.g. the site's logo.
 * @slot header - Above the list, e.g. a heading of the page's own.
 * @slot footer - Under everything, e.g. help links.
 *
 * @csspart base - The card around everything.
 * @csspart title - Each panel's heading.
 * @csspart factors - The list of sign-in methods.
 * @csspart totp-apps - The list of authenticator apps under the TOTP row.
 * @csspart section - The passkeys' and the trusted devices' sections under the list.
 * @csspart form - Each form.
 * @csspart label - Field and checkbox labels.
 * @csspart input - Phone and code fields.
 * @csspart button - Primary buttons.
 * @csspart secondary-button - Factor actions, copy and download buttons.
 * @csspart link-button - Cancel, resend, retry.
 * @csspart link - Links (open in authenticator app).
 * @csspart error - The inline error box.
 * @csspart status - Polite status line ("Your phone number is changed.").
 * @csspart note - Small print: countdowns, expiry times.
 * @csspart warning - The backup-code row's state when 2 or fewer codes are left.
 * @csspart qr - The enrolment QR code image.
 * @csspart secret - The manual TOTP key.
 * @csspart codes - The list of new backup codes.
 *
 * Custom properties: the same `--mfa-login-*` as `<mfa-login>`.
 */
export class MfaLoginSettings extends LitElement {
  static override styles = [baseStyles, screenStyles, settingsStyles];

  static override properties = {
    server: { type: String },
    idToken: { type: String, attribute: 'id-token' },
    clientId: { type: String, attribute: 'client-id' },
    i18n: { attribute: false },
    theme: { reflect: true },
    saved: { state: true },
    stepUpFailed: { state: true },
  };

  /** Base URL of the mfa-login server; empty means `location.origin`. */
  declare server: string;
  /** The id_token the user got from `<mfa-login>`. */
  declare idToken: string;
  /** The client of the step-up; empty means the id_token's audience. */
  declare clientId: string;
  /** Any string replaced, per language; handed on to the step-up's `<mfa-login>`. */
  declare i18n: I18nOverrides | undefined;
  /** `light`, `dark`, or `auto` (the default: the system's `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /** `<mfa-login>` could not be loaded for the step-up. */
  declare private stepUpFailed: boolean;
  /** The passkeys' and trusted devices' sections, once loaded. */
  private sectionsView?: typeof import('./settings/sections.js');
  /** The step-up shown now; a new one for each. */
  private stepUpConfig?: StepUpConfig;

  /** The "I have saved these codes" checkbox. */
  declare private saved: boolean;

  private readonly locale = new LocaleController(this, () => this.i18n);
  readonly settings = new SettingsController(this, () => ({ server: this.server ?? '', idToken: this.idToken ?? '' }));
  private readonly clock = new ClockController(this);
  private readonly keep = new CopyDownloadController(
    this,
    () => this.settings.backupCodes,
    () => this.locale.strings,
    () => this.settings.me?.user.username,
  );
  /** The first panel keeps focus where the page has it; later ones (and a code step) take it. */
  private readonly screenFocus = new FocusController(this, { inputErrors: INPUT_ERRORS, error: () => this.settings.error });
  /** The error last rendered: a new one replaces what a copy button said. */
  private shownError?: FlowError;

  constructor() {
    super();
    this.server = '';
    this.idToken = '';
    this.clientId = '';
    this.saved = false;
    this.stepUpFailed = false;
  }

  /** Each render waits for its language's modules, so the page's language shows from the first. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.locale.ready(settingsBook);
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('idToken') || changed.has('server')) void this.settings.reset();
    if (!this.settings.backupCodes) this.saved = false;
    const { panel, enrollment, phoneChallenge } = this.settings;
    if (panel !== 'step-up') this.stepUpConfig = undefined;
    else if (!this.stepUpConfig) this.beginStepUp();
    const fresh = this.screenFocus.show([panel, !!enrollment, phoneChallenge?.sent, phoneChallenge?.codeExpiresAt].join(':'));
    if (fresh || this.settings.error !== this.shownError) this.keep.clear();
    this.shownError = this.settings.error;
  }

  protected override render() {
    const ctx = this.context();
    const { settings } = this;
    // The panel first: a form shows the error box under its field; else it goes on top. What a change
    // did is said on top too, above the list it returns to: under a long list it was off a phone's screen.
    const body = this.renderPanel(ctx);
    return html`<div part="base" class="card" lang=${ctx.lang} dir=${this.locale.dir}>
      <slot name="logo"></slot>
      <slot name="header"></slot>
      ${settings.reauthenticate ? this.renderReauthenticate(ctx) : ctx.errorBox()}
      <p part="status" class="status" role="status">${this.changedText(ctx)}</p>
      <div class="screen">${body}</div>
      <p class="sr-only" role="status">${this.keep.notice || (settings.resent ? ctx.t.delivery.sentNew : '')}</p>
      <slot name="footer"></slot>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { panel, phoneChallenge } = this.settings;
    this.clock.runUntil(panel === 'phone' && phoneChallenge?.resendAfter ? Date.parse(phoneChallenge.resendAfter) : undefined);
  }

  private renderReauthenticate(ctx: SettingsContext) {
    const s = ctx.t.settings;
    const error = this.settings.error;
    // A refusal with its own reason (too many wrong codes) says it before what to do.
    const reason = error && error.error !== 'unauthorized' ? `${errorText(ctx, error)} ` : '';
    return html`<div part="error" class="error" role="alert" id=${ERROR_ID}>
      <p>${reason}${s.reauthenticate}</p>
      <div class="row">
        <button part="link-button" class="link" type="button" @click=${() => this.askToSignIn()}>${s.signInAgain}</button>
      </div>
    </div>`;
  }

  private renderPanel(ctx: SettingsContext) {
    const { settings } = this;
    const { copy, result } = this.keep;
    const s = ctx.t.settings;
    switch (settings.panel) {
      case 'step-up':
        return html`${title(s.stepUpTitle)}
          <p class="hint">${s.stepUpIntro}</p>
          ${
            this.stepUpFailed
              ? html`<p part="error" class="error" role="alert">${s.stepUpUnavailable}</p>`
              : html`<mfa-login
                lang=${ctx.lang}
                theme=${this.theme ?? 'auto'}
                .i18n=${this.i18n}
                .server=${this.server}
                .clientId=${this.stepUpClient()}
                .stepUp=${this.stepUpConfig}
              ></mfa-login>`
          }
          ${this.cancelButton(ctx)}`;
      case 'totp':
        return html`${totpEnrollScreen(
          ctx,
          settings.enrollment,
          { enroll: settings.startTotp, verify: settings.verifyTotp, copy, result },
          totpNameField(ctx, settings.totpName, (name) => (settings.totpName = name)),
        )}${this.cancelButton(ctx)}`;
      case 'rename-totp':
        return settings.app ? html`${renameTotpScreen(ctx, settings.app, { rename: settings.renameTotp })}${this.cancelButton(ctx)}` : nothing;
      case 'remove-totp':
        return settings.app ? html`${removeTotpScreen(ctx, settings.app, { remove: settings.removeTotp })}${this.cancelButton(ctx)}` : nothing;
      case 'phone':
        return html`${smsScreen(
          ctx,
          phoneOption(settings.phoneChallenge),
          { send: settings.resendPhone, verify: settings.verifyPhone, enroll: settings.sendPhone },
          {
            title: settings.me?.factors.sms.phone ? s.changePhoneTitle : s.addPhoneTitle,
            intro: s.newPhoneIntro,
            resent: settings.resent,
          },
        )}${this.cancelButton(ctx)}`;
      case 'confirm-backup-codes':
        return html`${confirmBackupCodesScreen(ctx, { confirm: settings.regenerateBackupCodes })}
          ${this.cancelButton(ctx)}`;
      case 'backup-codes':
        return backupCodesScreen(ctx, settings.backupCodes ?? [], this.saved, this.keep.downloadUrl, {
          copy,
          result,
          savedChange: (saved) => (this.saved = saved),
          continue: settings.cancel,
        });
      default:
        if (settings.me) {
          return html`${factorsScreen(ctx, settings.me, {
            startTotp: settings.startTotp,
            rename: (app) => settings.openApp('rename-totp', app),
            remove: (app) => settings.openApp('remove-totp', app),
            changePhone: () => settings.open('phone'),
            newBackupCodes: () => settings.open('confirm-backup-codes'),
          })}${this.sections(ctx)}`;
        }
        if (!this.idToken) return html`<p class="hint">${ctx.t.settings.notSignedIn}</p>`;
        return settings.busy ? html`<p class="hint">${ctx.t.loading}</p>` : nothing;
    }
  }

  /** Passkeys and trusted devices: their code (with @simplewebauthn/browser on demand) loads with the factors (settings/sections.ts). */
  private sections(ctx: SettingsContext) {
    if (!this.sectionsView) {
      void import('./settings/sections.js').then((m) => {
        this.sectionsView = m;
        this.requestUpdate();
      });
      return nothing;
    }
    return this.sectionsView.sections(html, ctx, this.settings);
  }

  /** A new step-up: `<mfa-login>` (loaded from the server if the page has not) bound to this element's key. */
  private beginStepUp(): void {
    const key = this.settings.key;
    if (!key) return;
    this.stepUpFailed = false;
    this.stepUpConfig = { idToken: this.idToken || undefined, dpopKey: key.publicJwk, onGrant: this.settings.granted };
    if (customElements.get('mfa-login')) return;
    import(/* @vite-ignore */ endpoint(this.server ?? '', '/widget/mfa-login.js')).catch(() => {
      this.stepUpFailed = true;
    });
  }

  private stepUpClient(): string {
    if (this.clientId) return this.clientId;
    try {
      const { azp, aud } = decodeJwtPayload(this.idToken);
      return typeof azp === 'string' ? azp : typeof aud === 'string' ? aud : '';
    } catch {
      return '';
    }
  }

  private cancelButton(ctx: SettingsContext) {
    return html`<p class="cancel">
      <button part="link-button" class="link" type="button" @click=${this.settings.cancel}>${ctx.t.settings.cancel}</button>
    </p>`;
  }

  private alertActions() {
    return { retry: this.settings.canRetry ? () => void this.settings.retry() : undefined };
  }

  private changedText(ctx: SettingsContext): string {
    const s = ctx.t.settings;
    const texts = {
      totp: s.totpChanged,
      'totp-apps': s.totpUpdated,
      phone: s.phoneChanged,
      'backup-codes': s.codesChanged,
      devices: this.sectionsView?.devicesChanged(ctx, this.settings),
      passkeys: this.sectionsView?.passkeysChanged(ctx),
    };
    return this.settings.changed ? (texts[this.settings.changed] ?? '') : '';
  }

  private askToSignIn(): void {
    const error = this.settings.error;
    emitReauthenticate(this, { error: error?.error ?? 'unauthorized', message: error?.message ?? '' });
  }

  private context(): SettingsContext {
    const lang = this.locale.lang;
    const { error, busy, reauthenticate } = this.settings;
    const ctx: SettingsContext = screenContext({
      t: { ...this.locale.strings, settings: this.locale.read(settingsBook, (override) => override.settings) },
      lang,
      // After a refusal that needs a new sign-in, every action would only be refused again.
      busy: busy || reauthenticate,
      now: this.clock.now(),
      error,
      inputErrors: INPUT_ERRORS,
      errorId: ERROR_ID,
      // The notice that asks for a new sign-in says why itself.
      box: error && !reauthenticate ? () => errorAlert(ctx, error, this.alertActions()) : undefined,
    });
    return ctx;
  }
}

if (!customElements.get('mfa-login-settings')) customElements.define('mfa-login-settings', MfaLoginSettings);

declare global {
  interface HTMLElementTagNameMap {
    'mfa-login-settings': MfaLoginSettings;
    'mfa-login': MfaLogin;
  }
}
