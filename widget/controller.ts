import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { postFlow } from './api.js';
import { emit } from './events.js';
import { HandleStore } from './handle-store.js';
import { decodeJwtPayload } from './jwt.js';
import type { FlowConfig, FlowError, FlowState } from './types.js';

export interface FlowControllerOptions {
  fetch?: typeof fetch;
  store?: HandleStore;
  now?: () => number;
}

/** Errors that mean the handle is dead: the only way on is a new flow. */
export const FLOW_GONE = new Set(['flow_not_found', 'flow_expired']);

/** Errors with no contract answer behind them; repeating the same call may help. */
const RETRYABLE = new Set(['network_error', 'unexpected_response']);

/**
 * Talks the flow API (api.md) for one `<mfa-login>` and holds what the screens render:
 * the last flow state, the last error, whether a call is under way, and backup codes
 * not yet acknowledged.
 */
export class FlowController implements ReactiveController {
  state?: FlowState;
  error?: FlowError;
  /** When `error` arrived, so a `retryAfter` can count down. */
  errorAt = 0;
  busy = false;
  /** Shown once; held until the user confirms saving them, never stored. */
  backupCodes?: string[];

  private retryCall?: () => Promise<void>;
  private completed = false;
  /** Bumped by `restart()` so answers to an abandoned flow are dropped. */
  private generation = 0;
  private readonly store: HandleStore;
  private readonly fetchImpl?: typeof fetch;
  readonly now: () => number;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly config: () => FlowConfig,
    options: FlowControllerOptions = {},
  ) {
    this.store = options.store ?? new HandleStore();
    this.fetchImpl = options.fetch;
    this.now = options.now ?? Date.now;
    host.addController(this);
  }

  /** Waits one render, so properties a framework sets just after inserting the element count. */
  hostConnected(): void {
    void this.host.updateComplete.then(() => {
      if (!this.state && !this.busy && this.host.isConnected) void this.resume();
    });
  }

  get canRetry(): boolean {
    return this.retryCall !== undefined;
  }

  /** Picks up the flow this tab left (after a reload), or starts one. */
  async resume(): Promise<void> {
    const flow = this.store.read(this.storageKey());
    if (!flow) return this.start();
    const generation = this.generation;
    const answer = await this.send('/api/v1/flows/introspect', { flow }, () => this.resume());
    if (generation !== this.generation || !answer) return;
    const stale = answer.error ? FLOW_GONE.has(answer.error.error) : answer.state.status !== 'pending'
      && answer.state.status !== 'complete';
    if (stale) {
      this.store.clear(this.storageKey());
      return this.start();
    }
    this.settle(answer.state, answer.error);
  }

  async start(): Promise<void> {
    const { clientId, nonce, acr, loginHint } = this.config();
    if (!clientId) {
      this.fail({ error: 'invalid_request', message: 'The client-id attribute is missing.' });
      this.host.requestUpdate();
      return;
    }
    await this.call('/api/v1/flows', { clientId, nonce, acr, loginHint }, () => this.start());
  }

  /** Leaves the current flow (telling the server, without waiting) and starts a fresh one. */
  async restart(): Promise<void> {
    const flow = this.state?.status === 'pending' ? this.state.flow : undefined;
    if (flow) void postFlow(this.config().server, '/api/v1/flows/cancel', { flow }, this.fetchImpl);
    this.store.clear(this.storageKey());
    this.generation++;
    this.state = undefined;
    this.error = undefined;
    this.backupCodes = undefined;
    this.retryCall = undefined;
    this.completed = false;
    this.busy = false;
    await this.start();
  }

  introspect = () => this.act('/api/v1/flows/introspect');
  password = (username: string, password: string) => this.act('/api/v1/flows/password', { username, password });
  sendSms = () => this.act('/api/v1/flows/sms/send');
  verifySms = (code: string) => this.act('/api/v1/flows/sms/verify', { code });
  enrollSms = (phone: string) => this.act('/api/v1/flows/sms/enroll', { phone });
  enrollTotp = () => this.act('/api/v1/flows/totp/enroll');
  verifyTotp = (code: string) => this.act('/api/v1/flows/totp/verify', { code });
  verifyBackupCode = (code: string) => this.act('/api/v1/flows/backup-code/verify', { code });
  sendEmail = () => this.act('/api/v1/flows/email/send');
  verifyEmail = (code: string) => this.act('/api/v1/flows/email/verify', { code });
  cancel = () => this.act('/api/v1/flows/cancel');

  retry(): Promise<void> {
    return this.retryCall?.() ?? Promise.resolve();
  }

  clearError(): void {
    this.error = undefined;
    this.retryCall = undefined;
    this.host.requestUpdate();
  }

  acknowledgeBackupCodes(): void {
    this.backupCodes = undefined;
    this.host.requestUpdate();
    this.announceCompletion();
  }

  private act(path: string, fields: Record<string, unknown> = {}): Promise<void> {
    const flow = this.state?.flow;
    if (!flow) return Promise.resolve();
    const body = { flow, ...fields };
    const run = (): Promise<void> => this.call(path, body, run);
    return run();
  }

  private async call(path: string, body: Record<string, unknown>, again: () => Promise<void>): Promise<void> {
    const generation = this.generation;
    const answer = await this.send(path, body, again);
    if (generation !== this.generation || !answer) return;
    this.settle(answer.state, answer.error);
  }

  /** One call at a time: a double click or a WebOTP fill racing a typed code sends once. */
  private async send(path: string, body: Record<string, unknown>, again: () => Promise<void>) {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = undefined;
    this.retryCall = undefined;
    this.host.requestUpdate();
    const answer = await postFlow(this.config().server, path, body, this.fetchImpl);
    this.busy = false;
    if (answer.error && RETRYABLE.has(answer.error.error)) this.retryCall = again;
    return answer;
  }

  private settle(state: FlowState | undefined, error: FlowError | undefined): void {
    if (state) this.accept(state);
    if (error) this.fail(error);
    this.host.requestUpdate();
  }

  private accept(state: FlowState): void {
    this.state = state;
    if (state.backupCodes?.length) this.backupCodes = state.backupCodes;
    if (state.status === 'pending') this.store.write(this.storageKey(), state.flow);
    else this.store.clear(this.storageKey());
    const { backupCodes: _shownOnce, ...visible } = state;
    emit(this.host, 'mfa-login-step', visible);
    this.announceCompletion();
  }

  private fail(error: FlowError): void {
    this.error = error;
    this.errorAt = this.now();
    if (FLOW_GONE.has(error.error)) this.store.clear(this.storageKey());
    emit(this.host, 'mfa-login-error', { error: error.error, message: error.message });
  }

  /** Waits for saved backup codes: a page that navigates on completion would lose them. */
  private announceCompletion(): void {
    const result = this.state?.status === 'complete' ? this.state.result : undefined;
    if (!result || this.backupCodes || this.completed) return;
    this.completed = true;
    let claims: Record<string, unknown> = {};
    try {
      claims = decodeJwtPayload(result.idToken);
    } catch {
      // The token is still handed over; the page's server is the judge of it anyway.
    }
    emit(this.host, 'mfa-login-complete', { idToken: result.idToken, claims });
  }

  private storageKey(): string {
    const { server, clientId } = this.config();
    return this.store.key(server, clientId);
  }
}
