import type { FlowError, FlowState } from './types.js';

export interface MfaLoginCompleteDetail {
  idToken: string;
  /** Decoded, NOT verified: verify `idToken` on your server or against the JWKS. */
  claims: Record<string, unknown>;
  /** Set when the sign-in used a backup code: how many unused ones the user has left. */
  backupCodesRemaining?: number;
}

export interface MfaLoginEvents {
  'mfa-login-complete': MfaLoginCompleteDetail;
  'mfa-login-error': Pick<FlowError, 'error' | 'message' | 'requestId'>;
  'mfa-login-step': FlowState;
}

/** Every event leaves the shadow root and bubbles, so a listener anywhere on the page hears it. */
export function emit<K extends keyof MfaLoginEvents>(target: EventTarget, name: K, detail: MfaLoginEvents[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // Global, not per element: the events bubble to document and window, where pages listen.
  interface GlobalEventHandlersEventMap {
    'mfa-login-complete': CustomEvent<MfaLoginCompleteDetail>;
    'mfa-login-error': CustomEvent<Pick<FlowError, 'error' | 'message' | 'requestId'>>;
    'mfa-login-step': CustomEvent<FlowState>;
  }
}
