import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The WebOTP API is Chromium-only and not in TypeScript's DOM types yet. */
interface OtpCredential extends Credential {
  code: string;
}

/**
 * Asks the browser for the code in the incoming SMS (WebOTP), once per sent code. Every wait
 * is aborted when the screen moves on or the element leaves the page: a pending request would
 * otherwise keep the browser's "Allow" sheet up.
 */
export class WebOtpController implements ReactiveController {
  private abort?: AbortController;
  private key?: string;

  constructor(
    host: ReactiveControllerHost,
    private readonly onCode: (code: string) => void,
  ) {
    host.addController(this);
  }

  static get supported(): boolean {
    // Both only exist in a secure context; a browser with OTPCredential has navigator.credentials.
    return 'OTPCredential' in window;
  }

  /** Starts waiting for the code identified by `key`; a different key (or none) ends the old wait. */
  listen(key: string | undefined): void {
    if (key === this.key) return;
    this.stop();
    this.key = key;
    if (!key || !WebOtpController.supported) return;
    const abort = new AbortController();
    this.abort = abort;
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then((credential) => {
        const code = (credential as OtpCredential | null)?.code;
        if (code && !abort.signal.aborted) this.onCode(code);
      })
      .catch(() => {
        // Aborted, refused or timed out: the user types the code instead.
      });
  }

  hostDisconnected(): void {
    this.stop();
    this.key = undefined;
  }

  private stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }
}
