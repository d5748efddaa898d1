import type { Strings } from '../i18n/index.js';
import type { SettingsStrings } from '../i18n/settings.js';
import type { ScreenContext } from '../screens/context.js';
import type { FlowError } from '../types.js';

/** The settings API's answers come from the contract; the names are its (`/api/v1/me`). */
export type { Me, MeDevices, MePhoneChallenge as PhoneChallenge, TotpAuthenticator } from '../../contract/settings.js';
export type { TrustedDevice } from '../../contract/flows.js';

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

/** A render's context in `<mfa-login-settings>`: the login's strings and the settings' own. */
export interface SettingsContext extends ScreenContext {
  t: Strings & { settings: SettingsStrings };
}
