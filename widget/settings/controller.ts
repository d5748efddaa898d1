import type { ReactiveControllerHost } from 'lit';
import { CallGate } from '../call-gate.js';
import type { TotpEnrollment } from '../types.js';
import { mePaths } from '../../contract/paths.js';
import { callMe, type MeCredential } from './api.js';
import { DpopKey } from './dpop.js';
import { emitReauthenticate } from './events.js';
import type { Me, MeDevices, PhoneChallenge, SettingsConfig, SettingsError, TotpAuthenticator, TrustedDevice } from './types.js';

/** Which part of the settings is on screen. */
export type Panel = 'factors' | 'totp' | 'rename-totp' | 'remove-totp' | 'phone' | 'confirm-backup-codes' | 'backup-codes' | 'step-up';

/** A grant is dropped this long before it ends, so a call never leaves with one about to expire. */
const GRANT_MARGIN_MS = 10_000;

/** A change just made, for the status line. */
export type Change = 'totp' | 'totp-apps' | 'phone' | 'backup-codes' | 'devices' | 'passkeys';

/**
 * Talks the self-service API for one `<mfa-login-settings>` and holds what it renders: the
 * factors, the panel open, the change in progress, the last error, whether a call is under way.
 */
export class SettingsController {
  me?: Me;
  /** The browsers trusted to skip the second step. */
  devices?: TrustedDevice[];
  panel: Panel = 'factors';
  error?: SettingsError;
  /** The server asked for a new sign-in; nothing more is tried with this token. */
  reauthenticate = false;
  changed?: Change;
  enrollment?: TotpEnrollment;
  /** The name the new authenticator app gets, as typed. */
  totpName = '';
  /** The authenticator app being renamed or removed. */
  app?: TotpAuthenticator;
  /** The number as typed, kept for "Resend code". */
  phoneTyped = '';
  phoneChallenge?: PhoneChallenge;
  /** The code on screen replaced an earlier one. */
  resent = false;
  /** Shown once, until the user says they saved them; never stored. */
  backupCodes?: string[];
  /** The key the step-up binds its grant to; made once per element, never leaves it. */
  key?: DpopKey;

  /** The settings grant from the last step-up, kept in memory only. */
  private grant?: { token: string; until: number };
  /** The change waiting for a step-up, and the panel it was asked from. */
  private waiting?: { run: () => Promise<void>; panel: Panel };

  /** Abandoned when the token changes, so answers meant for the old one are dropped. */
  private readonly calls: CallGate;

  constructor(
    readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: () => SettingsConfig,
    private readonly fetchImpl?: typeof fetch,
  ) {
    this.calls = new CallGate(host);
  }

  get busy(): boolean {
    return this.calls.busy;
  }

  get canRetry(): boolean {
    return this.calls.canRetry;
  }

  /** Forgets everything about the previous token and reads the factors with the current one. */
  reset(): Promise<void> {
    this.calls.abandon();
    this.grant = undefined;
    this.waiting = undefined;
    this.me = undefined;
    this.reauthenticate = false;
    this.closePanel();
    this.open('factors');
    this.changed = undefined;
    return this.load();
  }

  load = () =>
    this.call<Me>(mePaths.factors, undefined, (me) => {
      this.me = me;
      void this.loadDevices();
    });

  /** Outside the call gate, and quiet: a server without trusted devices (or a refusal) shows no section, and no error over the factors. */
  loadDevices = async () => {
    const credential = this.credential();
    if (credential)
      this.devices = (await callMe<MeDevices>(this.config().server, credential, mePaths.devices, undefined, this.fetchImpl)).data?.devices;
    this.host.requestUpdate();
  };

  startTotp = () =>
    this.change<{ enrollment: TotpEnrollment }>(mePaths.totpEnroll, {}, ({ enrollment }) => {
      this.enrollment = enrollment;
      this.open('totp');
    });

  /** A wrong code leaves the QR code and the name as they are: the next code from the same app confirms it. */
  verifyTotp = (code: string) => {
    const name = this.totpName.trim();
    return this.change<Me>(mePaths.totpVerify, name ? { code, name } : { code }, (me) => this.done(me, 'totp'));
  };

  /** Opens the rename or remove panel for one app. */
  openApp(panel: 'rename-totp' | 'remove-totp', app: TotpAuthenticator): void {
    this.app = app;
    this.open(panel);
  }

  renameTotp = (name: string) => this.appChange(mePaths.totpRename, { name });

  removeTotp = () => this.appChange(mePaths.totpRemove, {});

  private appChange(path: string, body: Record<string, unknown>) {
    const app = this.app;
    if (!app) return Promise.resolve();
    return this.change<Me>(path, { id: app.id, ...body }, (me) => this.done(me, 'totp-apps'));
  }

  sendPhone = (phone: string) =>
    this.change<PhoneChallenge>(mePaths.phone, { phone }, (challenge) => {
      this.resent = !!this.phoneChallenge && phone === this.phoneTyped;
      this.phoneTyped = phone;
      this.phoneChallenge = challenge;
    });

  resendPhone = () => this.sendPhone(this.phoneTyped);

  verifyPhone = (code: string) =>
    this.change<Me>(
      mePaths.phoneVerify,
      { code },
      (me) => this.done(me, 'phone'),
      (error) => {
        // The challenge died with the error, which comes without one: no dead field stays up.
        if (error.error === 'too_many_attempts' && this.phoneChallenge) {
          this.phoneChallenge = { ...this.phoneChallenge, sent: false, attemptsRemaining: 0 };
        }
      },
    );

  regenerateBackupCodes = () =>
    this.change<Me & { backupCodes: string[] }>(mePaths.backupCodes, {}, ({ backupCodes, ...me }) => {
      this.me = me;
      this.backupCodes = backupCodes;
      this.open('backup-codes');
      this.changed = 'backup-codes';
    });

  /** Opens a panel that needs no server call first (phone number, backup code warning). */
  open(panel: Panel): void {
    this.panel = panel;
    this.error = undefined;
    this.calls.forgetRetry();
    if (panel !== 'factors') this.changed = undefined;
    this.host.requestUpdate();
  }

  /** Back to the list; a half-done change is dropped (the server lets it expire). */
  cancel = () => {
    this.waiting = undefined;
    this.closePanel();
    this.open('factors');
  };

  /**
   * The step-up ended with a grant (handed over by the inner `<mfa-login>`, never through an
   * event): back to the panel the change was asked from, and the change goes ahead.
   */
  granted = (token: string, expiresIn: number): void => {
    this.grant = { token, until: Date.now() + expiresIn * 1000 - GRANT_MARGIN_MS };
    const waiting = this.waiting;
    this.waiting = undefined;
    this.open(waiting?.panel ?? 'factors');
    if (waiting) void waiting.run();
  };

  retry(): Promise<void> {
    return this.calls.retry();
  }

  /** A revocation's answer (settings/devices.ts makes the calls): the devices left. */
  showDevices = ({ devices }: MeDevices): void => {
    this.devices = devices;
    this.changed = 'devices';
  };

  /** A passkey change's answer (settings/passkeys.ts makes the calls): the factors now. */
  showPasskeys = (me: Me): void => this.done(me, 'passkeys');

  private done(me: Me, change: Change): void {
    this.me = me;
    // A new authenticator or phone revoked the trusted devices.
    void this.loadDevices();
    this.closePanel();
    this.open('factors');
    this.changed = change;
  }

  private closePanel(): void {
    this.enrollment = undefined;
    this.totpName = '';
    this.app = undefined;
    this.phoneTyped = '';
    this.phoneChallenge = undefined;
    this.resent = false;
    this.backupCodes = undefined;
  }

  /**
   * A change needs a settings grant: without a live one the user first confirms with a second
   * factor (the step-up panel), then the change goes ahead. A grant the server no longer takes
   * leads to a new step-up too.
   */
  async change<T>(path: string, body: Record<string, unknown>, accept: (data: T) => void, refused?: (error: SettingsError) => void): Promise<void> {
    const again = () => this.change(path, body, accept, refused);
    if (!this.grant || Date.now() >= this.grant.until) return this.stepUp(again);
    return this.call(path, body, accept, (error) => {
      if (error.stepUp) {
        this.grant = undefined;
        void this.stepUp(again);
        return;
      }
      refused?.(error);
    });
  }

  private async stepUp(run: () => Promise<void>): Promise<void> {
    if (this.reauthenticate) return;
    this.key ??= await DpopKey.create();
    const panel = this.panel === 'step-up' ? (this.waiting?.panel ?? 'factors') : this.panel;
    this.waiting = { run, panel };
    this.panel = 'step-up';
    this.error = undefined;
    this.host.requestUpdate();
  }

  private credential(): MeCredential | undefined {
    const { idToken } = this.config();
    if (this.grant && this.key && Date.now() < this.grant.until) return { grant: this.grant.token, key: this.key };
    return idToken ? { idToken } : undefined;
  }

  /** One call at a time; a double click sends once. */
  private async call<T>(
    path: string,
    body: Record<string, unknown> | undefined,
    accept: (data: T) => void,
    refused?: (error: SettingsError) => void,
  ): Promise<void> {
    const { server } = this.config();
    const credential = this.credential();
    if (!credential || this.reauthenticate) return;
    const answer = await this.calls.run(
      () => {
        this.error = undefined;
        this.resent = false;
        return callMe<T>(server, credential, path, body, this.fetchImpl);
      },
      () => this.call(path, body, accept, refused),
    );
    if (!answer) return;
    if (answer.error?.stepUp) {
      refused?.(answer.error);
      this.host.requestUpdate();
      return;
    }
    if (answer.error) {
      refused?.(answer.error);
      this.fail(answer.error);
    } else {
      accept(answer.data);
    }
    this.host.requestUpdate();
  }

  private fail(error: SettingsError): void {
    this.error = error;
    this.changed = undefined;
    // Any 401 here has one remedy: a new sign-in, which only the page can show.
    if (error.reauthenticate || error.error === 'unauthorized') {
      this.reauthenticate = true;
      this.closePanel();
      this.panel = 'factors';
      emitReauthenticate(this.host, { error: error.error, message: error.message });
    }
  }
}
