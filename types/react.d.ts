/**
 * JSX typings for React 19, which sets an element's properties (`server`, `i18n`, `theme`) and
 * attributes (`client-id`), and listens to its events through `on` + the event's own name:
 *
 * ```tsx
 * import type {} from 'mfa-login/react';
 * <mfa-login server="https://auth.example.com" client-id="shop" onmfa-login-complete={(e) => send(e.detail.idToken)} />
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { FlowError, FlowState, I18nOverrides, MfaLogin, MfaLoginCompleteDetail } from 'mfa-login/widget';
import type { MfaLoginReauthenticateDetail, MfaLoginSettings } from 'mfa-login/widget/settings';

type Handler<Detail> = (event: CustomEvent<Detail>) => void;

interface SharedAttributes<Element> extends HTMLAttributes<Element> {
  /** Base URL of the mfa-login server; empty means this page's origin. */
  server?: string;
  /** `light`, `dark` or `auto` (the default: follows `prefers-color-scheme`). */
  theme?: 'light' | 'dark' | 'auto';
  /** Any string replaced, per language (a property: React 19 hands the object over as is). */
  i18n?: I18nOverrides;
}

export interface MfaLoginAttributes extends SharedAttributes<MfaLogin> {
  /** The client registered on the server. */
  'client-id': string;
  /** Echoed in the id_token's `nonce` claim. */
  nonce?: string;
  /** Names the authentication sequence to use. */
  acr?: string;
  /** Pre-fills the username. */
  'login-hint'?: string;
  'onmfa-login-complete'?: Handler<MfaLoginCompleteDetail>;
  'onmfa-login-error'?: Handler<Pick<FlowError, 'error' | 'message' | 'requestId'>>;
  'onmfa-login-step'?: Handler<FlowState>;
}

export interface MfaLoginSettingsAttributes extends SharedAttributes<MfaLoginSettings> {
  /** An id_token from this server; sent only in the Authorization header. */
  'id-token'?: string;
  /** The client the step-up runs for; defaults to the id_token's audience. */
  'client-id'?: string;
  'onmfa-login-reauthenticate'?: Handler<MfaLoginReauthenticateDetail>;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'mfa-login': DetailedHTMLProps<MfaLoginAttributes, MfaLogin>;
      'mfa-login-settings': DetailedHTMLProps<MfaLoginSettingsAttributes, MfaLoginSettings>;
    }
  }
}
