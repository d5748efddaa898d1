import type { FlowError } from '../types.js';

/** The names in this file are the self-service API's (`/api/v1/me`); keep them in step with the server. */

export interface Me {
  user: { username: string; displayName?: string };
  factors: {
    password: boolean;
    totp: { enrolled: boolean };
    /** `phone` is masked, e.g. `+1 ••• ••• 4567`. */
    sms: { phone: string | null; disabled: boolean };
    /** `address` is masked, e.g. `a•••@example.com`. */
    email: { address: string | null };
    backupCodes: { remaining: number };
  };
  /** Until when the settings grant allows changes; null with an id_token, which never does. */
  freshUntil?: string | null;
}

/** The code texted to a new number, as `POST /api/v1/me/phone` answers it. */
export interface PhoneChallenge {
  /** The new number, masked. */
  phone: string;
  sent: boolean;
  resendAfter?: string;
  codeExpiresAt?: string;
  attemptsRemaining?: number;
}

export interface SettingsError extends FlowError {
  /** The server wants a new sign-in (the id_token expired or is not valid). */
  reauthenticate?: boolean;
  /** A change needs a settings grant: confirm with a second factor (a step-up) first. */
  stepUp?: boolean;
}

/** What the page gives the element. */
export interface SettingsConfig {
  server: string;
  idToken: string;
}
