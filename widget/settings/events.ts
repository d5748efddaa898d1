export interface MfaLoginReauthenticateDetail {
  error: string;
  message: string;
}

/** Bubbles out of the shadow root like the login's events, so the page hears it anywhere. */
export function emitReauthenticate(target: EventTarget, detail: MfaLoginReauthenticateDetail): void {
  target.dispatchEvent(new CustomEvent('mfa-login-reauthenticate', { detail, bubbles: true, composed: true }));
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mfa-login-reauthenticate': CustomEvent<MfaLoginReauthenticateDetail>;
  }
}
