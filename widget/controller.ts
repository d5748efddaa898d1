import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Screen as DeviceScreen } from './trust-device.js';
import { flowPaths, stepPaths } from '../contract/paths.js';
import { postFlow } from './api.js';
import { CallGate } from './call-gate.js';
import { deviceKey, deviceStore } from './device-store.js';
import { FLOW_GONE, staleBecause } from './errors.js';
import { emit } from './events.js';
import { HandleStore } from './handle-store.js';
import { decodeJwtPayload } from './jwt.js';
import type { FlowConfig, FlowError, FlowOption, FlowState, Method } from './types.js';

export interface FlowControllerOptions {
  fetch?: typeof fetch;
  store?: HandleStore;
  devices?: HandleStore;
  now?: () => number;
}

/** Calls that send a code, and those that check one, by the method they belong to. */
const CODE_SEND: Record<string, Method> = { [stepPaths.sms.send]: 'sms', [stepPaths.email.send]: 'email' };
const CODE_VERIFY: Record<string, Method> = { [stepPaths.sms.verify]: 'sms', [stepPaths.email.verify]: 'email' };

/**
 * A flow worth picking up after a reload: one still going, or one completed moments ago whose
 * id_token the server still hands out. A completed flow without it (the server answers the token
 * only briefly) has nothing left to give: a new sign-in starts instead of an empty done screen.
 */
const resumable = (state: FlowState) => state.status === 'pending' || (state.status === 'complete' && state.result !== undefined);

/** Asks again this long after an expiry the server did not confirm (a clock ahead of the server's). */
const RECHECK_MS = 30_000;

/**
 * Talks the flow API (api.md) for one `<mfa-login>` and holds what the screens render:
 * the last flow state, the last error, whether a call is under way, and backup codes
 * not yet acknowledged.
 */
export class FlowController implements ReactiveController {
  // Fields set later are declared, not defined: each definition would be written out in the drop-in
  // script, which has a byte budget; they read undefined until set either way.
  declare state?: FlowState;
  declare error?: FlowError;
  /** Shown once; held until the user confirms saving them, never stored. */
  declare backupCodes?: string[];
  /** Set when the state shown was read again because the one before was out of date. */
  declare refreshed?: 'flow_conflict' | 'method_not_allowed';
  /** The method the user picked under "Use another method", for the step it was picked in. */
  declare chosen?: { step: number; method: Method };
  /** The last call sent a code that replaced an earlier one. */
  declare resent?: Method;
  /** Known once a backup code was used in this flow: the user's unused codes left, and if that is few. */
  declare backupCodesLeft?: { remaining: number; low: boolean };
  /**
   * The offer on screen after a complete login, first of the state's `offers` the user has not left
   * ("Sign in faster next time?", then "Trust this device?"); completion waits for each answer.
   */
  declare offering?: Method;
  /** A screen of trust-device.ts in place of the step's own; while set, completion waits. */
  declare device?: DeviceScreen;

  private completed = false;
  /** Offers left in this flow (made or skipped), and the days of "Trust this device?" when offered. */
  private left: Method[] = [];
  declare private trustDays?: number;
  declare private expiry?: ReturnType<typeof setTimeout>;
  /** Abandoned by `restart()`, so answers to the old flow are dropped. */
  declare private readonly calls: CallGate;
  declare private readonly store: HandleStore;
  declare private readonly devices: HandleStore;
  declare private readonly fetchImpl?: typeof fetch;
  declare readonly now: () => number;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: () => FlowConfig,
    options: FlowControllerOptions = {},
  ) {
    this.calls = new CallGate(host);
    this.store = options.store ?? new HandleStore();
    this.devices = options.devices ?? deviceStore();
    this.fetchImpl = options.fetch;
    this.now = options.now ?? Date.now;
    host.addController(this);
  }

  /** Waits one render, so properties a framework sets just after inserting the element count. */
  hostConnected(): void {
    void this.host.updateComplete.then(() => {
      if (!this.state && !this.busy && this.host.isConnected) void this.resume();
    });
    this.watchExpiry();
  }

  hostDisconnected(): void {
    clearTimeout(this.expiry);
  }

  get busy(): boolean {
    return this.calls.busy;
  }

  get canRetry(): boolean {
    return this.calls.canRetry;
  }

  /** Picks up the flow this tab left (after a reload), or starts one. */
  async resume(): Promise<void> {
    // A step-up is bound to a key that lives only as long as the page: it never resumes.
    if (this.config().stepUp) return this.start();
    const flow = this.store.read(this.storageKey());
    if (!flow) return this.start();
    const answer = await this.send(flowPaths.introspect, { flow }, () => this.resume());
    if (!answer) return;
    const stale = answer.error ? FLOW_GONE.has(answer.error.error) : !resumable(answer.state);
    if (stale) {
      this.forget();
      return this.start();
    }
    if (answer.state) this.chosen = this.readChoice(answer.state);
    this.settle(answer.state, answer.error);
  }

  async start(): Promise<void> {
    const { clientId, nonce, acr, loginHint, stepUp } = this.config();
    if (!clientId) {
      this.fail({ error: 'unknown_client', message: 'The client-id attribute is missing.' });
      this.host.requestUpdate();
      return;
    }
    const body = stepUp ? { clientId, purpose: 'settings', idToken: stepUp.idToken, dpopKey: stepUp.dpopKey } : { clientId, nonce, acr, loginHint };
    await this.call(flowPaths.start, body, () => this.start());
  }

  /** Leaves the current flow (telling the server, without waiting) and starts a fresh one. */
  async restart(): Promise<void> {
    const gone = this.error && FLOW_GONE.has(this.error.error);
    const flow = this.state?.status === 'pending' && !gone ? this.state.flow : undefined;
    if (flow) void postFlow(this.config().server, flowPaths.cancel, { flow }, this.fetchImpl);
    this.forget();
    this.calls.abandon();
    this.state = undefined;
    this.error = undefined;
    this.refreshed = undefined;
    this.chosen = undefined;
    this.backupCodes = undefined;
    this.backupCodesLeft = undefined;
    this.completed = false;
    this.left = [];
    this.trustDays = undefined;
    clearTimeout(this.expiry);
    await this.start();
  }

  /** Drops the stored handle, so a reload starts afresh instead of resuming a flow that cannot go on. */
  forget(): void {
    this.store.clear(this.storageKey());
    this.store.clear(this.choiceKey());
  }

  /** Shows `method` for the current step; kept with the handle, so a reload shows it again. */
  choose(method: Method): void {
    const state = this.state;
    const step = state?.step?.number;
    if (!state || step === undefined) return;
    this.chosen = { step, method };
    this.store.write(this.choiceKey(), JSON.stringify({ flow: state.flow, step, method }));
    this.clearError();
  }

  password = (username: string, password: string) => {
    const deviceToken = this.devices.read(this.devices.key(this.config().server, deviceKey(username)));
    return this.act(stepPaths.password.verify, { username, password, ...(deviceToken ? { deviceToken } : {}) });
  };
  sendSms = () => this.act(stepPaths.sms.send);
  verifySms = (code: string) => this.act(stepPaths.sms.verify, { code });
  enrollSms = (phone: string) => this.act(stepPaths.sms.enroll, { phone });
  enrollTotp = () => this.act(stepPaths.totp.enroll);
  verifyTotp = (code: string) => this.act(stepPaths.totp.verify, { code });
  verifyBackupCode = (code: string) => this.act(stepPaths.backup_code.verify, { code });
  sendEmail = () => this.act(stepPaths.email.send);
  verifyEmail = (code: string) => this.act(stepPaths.email.verify, { code });

  retry(): Promise<void> {
    return this.calls.retry();
  }

  clearError(): void {
    this.error = undefined;
    this.calls.forgetRetry();
    this.host.requestUpdate();
  }

  acknowledgeBackupCodes(): void {
    this.backupCodes = undefined;
    this.host.requestUpdate();
    this.announceCompletion();
  }

  /** Leaves the offer on screen (made or skipped): the next one shows, or the sign-in completes. */
  leaveOffer(): void {
    if (this.offering) this.left.push(this.offering);
    this.device = undefined;
    if (this.state) this.offer(this.state);
    this.host.requestUpdate();
    this.announceCompletion();
  }

  /**
   * Picks the offer to show from a state (only a completed one offers anything; none once completion
   * was announced), and loads trust-device.ts when it is "Trust this device?" or the step offers the device.
   */
  private offer(state: FlowState): void {
    const offering = this.completed ? undefined : state.offers?.find((o) => !this.left.includes(o) && (o !== 'device' || this.trustDays));
    this.offering = offering;
    // The days of "Trust this device?" when that is the offer; else the step may offer the device.
    const trust = offering === 'device' ? this.trustDays : undefined;
    if (trust || state.step?.options.some((o) => o.method === 'device'))
      import('./trust-device.js').then(
        (m) => m.onState(this, state, trust, this.config()),
        () => trust && this.leaveOffer(),
      );
  }

  /** A call on the flow at `path` (a contract path): screens loaded on demand act through this. */
  act(path: string, fields: Record<string, unknown> = {}): Promise<void> {
    const flow = this.state?.flow;
    if (!flow) return Promise.resolve();
    const body = { flow, ...fields };
    const run = (): Promise<void> => this.call(path, body, run);
    return run();
  }

  private async call(path: string, body: Record<string, unknown>, again: () => Promise<void>): Promise<void> {
    const before = this.option(CODE_SEND[path]);
    const answer = await this.send(path, body, again);
    if (!answer) return;
    const stale = answer.error && staleBecause(answer.error);
    if (stale && this.state) return this.reread(this.state.flow, stale);
    if (answer.state && before?.resendAfter) this.resent = CODE_SEND[path];
    if (answer.error?.error === 'too_many_attempts') this.killChallenge(CODE_VERIFY[path]);
    this.settle(answer.state, answer.error);
  }

  private option(method: Method | undefined): (FlowOption & { resendAfter?: string }) | undefined {
    return method ? this.state?.step?.options.find((o) => o.method === method) : undefined;
  }

  /**
   * Too many wrong codes killed the challenge, and the error comes without a state: show the
   * option as the server now has it (`sent: false`, no attempts left), so no dead field stays.
   */
  private killChallenge(method: Method | undefined): void {
    const state = this.state;
    if (!method || !state?.step) return;
    const options = state.step.options.map((o) => (o.method === method ? { ...o, sent: false, attemptsRemaining: 0 } : o));
    this.state = { ...state, step: { ...state.step, options } };
  }

  /** The flow changed under the state shown: show it as it is now rather than a refusal. */
  private async reread(flow: string, cause: NonNullable<FlowController['refreshed']>): Promise<void> {
    const run = async (): Promise<void> => {
      const answer = await this.send(flowPaths.introspect, { flow }, run);
      if (!answer) return;
      // Completed meanwhile (the answer that completed it was lost) and its token no longer handed out.
      if (answer.state?.status === 'complete' && !answer.state.result && !this.completed) return this.restart();
      this.settle(answer.state, answer.error);
      if (answer.state) this.refreshed = cause;
    };
    return run();
  }

  /** One call at a time: a double click or a WebOTP fill racing a typed code sends once. */
  private send(path: string, body: Record<string, unknown>, again: () => Promise<void>) {
    return this.calls.run(() => {
      this.error = undefined;
      this.refreshed = undefined;
      this.resent = undefined;
      return postFlow(this.config().server, path, body, this.fetchImpl);
    }, again);
  }

  private settle(state: FlowState | undefined, error: FlowError | undefined): void {
    if (state) this.accept(state);
    if (error) this.fail(error);
    this.host.requestUpdate();
  }

  private accept(answer: FlowState): void {
    const { deviceToken, trustDevice, ...state } = answer;
    // Kept for this user's next password step, and nowhere else: no event or page sees it.
    if (deviceToken && state.user) this.devices.write(this.devices.key(this.config().server, deviceKey(state.user.username)), deviceToken);
    this.state = state;
    if (trustDevice) this.trustDays = trustDevice.days;
    this.offer(state);
    if (state.backupCodes?.length) this.backupCodes = state.backupCodes;
    if (typeof state.backupCodesRemaining === 'number') {
      this.backupCodesLeft = { remaining: state.backupCodesRemaining, low: state.backupCodesLow === true };
    }
    if (state.status === 'pending' && !this.config().stepUp) this.store.write(this.storageKey(), state.flow);
    else this.forget();
    // A settings grant is for the settings element alone: the page hears that the step-up ended, not its grant.
    const { backupCodes: _shownOnce, ...shown } = state;
    const visible = state.result && 'settingsGrant' in state.result ? { ...shown, result: undefined } : shown;
    emit(this.host, 'mfa-login-step', visible);
    this.announceCompletion();
    this.watchExpiry();
  }

  /**
   * A pending flow ends at `expiresAt` without a word from the server: ask it then, so the
   * expired screen is up before the user types into a dead flow.
   */
  private watchExpiry(): void {
    clearTimeout(this.expiry);
    const state = this.state;
    const at = state?.status === 'pending' ? Date.parse(state.expiresAt ?? '') : NaN;
    if (Number.isNaN(at) || !this.host.isConnected) return;
    const left = at - this.now();
    this.expiry = setTimeout(() => void this.checkExpiry(state!.flow), left > 0 ? Math.min(left + 500, 2 ** 31 - 1) : RECHECK_MS);
  }

  /** Outside the call gate: a background check neither blocks the user nor clears what is shown. */
  private async checkExpiry(flow: string): Promise<void> {
    const answer = await postFlow(this.config().server, flowPaths.introspect, { flow }, this.fetchImpl);
    const gone = this.error && FLOW_GONE.has(this.error.error);
    if (this.state?.flow !== flow || this.state.status !== 'pending' || gone) return;
    if (answer.error && FLOW_GONE.has(answer.error.error)) {
      this.fail(answer.error);
      this.host.requestUpdate();
    } else if (answer.state && !this.busy) {
      this.accept(answer.state);
      this.host.requestUpdate();
    } else {
      this.expiry = setTimeout(() => void this.checkExpiry(flow), RECHECK_MS);
    }
  }

  private fail(error: FlowError): void {
    this.error = error;
    if (FLOW_GONE.has(error.error)) this.forget();
    const { requestId } = error;
    emit(this.host, 'mfa-login-error', { error: error.error, message: error.message, ...(typeof requestId === 'string' ? { requestId } : {}) });
  }

  /**
   * Waits for saved backup codes and for an offer to be taken or left (`offering` cleared first):
   * a page that navigates on completion would lose them.
   */
  announceCompletion(): void {
    const result = this.state?.status === 'complete' ? this.state.result : undefined;
    if (!result || this.backupCodes || this.offering || this.completed) return;
    this.completed = true;
    if ('settingsGrant' in result) {
      this.config().stepUp?.onGrant(result.settingsGrant, result.expiresIn);
      return;
    }
    let claims: Record<string, unknown> = {};
    try {
      claims = decodeJwtPayload(result.idToken);
    } catch {
      // The token is still handed over; the page's server is the judge of it anyway.
    }
    const left = this.backupCodesLeft;
    emit(this.host, 'mfa-login-complete', { idToken: result.idToken, claims, ...(left ? { backupCodesRemaining: left.remaining } : {}) });
  }

  private storageKey(): string {
    const { server, clientId } = this.config();
    return this.store.key(server, clientId);
  }

  private choiceKey(): string {
    return `${this.storageKey()}:method`;
  }

  /** The method chosen before a reload, if it was for this flow. */
  private readChoice(state: FlowState): FlowController['chosen'] {
    try {
      const saved = JSON.parse(this.store.read(this.choiceKey()) ?? 'null') as { flow?: string; step?: number; method?: Method } | null;
      return saved?.flow === state.flow && typeof saved.step === 'number' && saved.method ? { step: saved.step, method: saved.method } : undefined;
    } catch {
      return undefined;
    }
  }
}
