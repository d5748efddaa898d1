/**
 * Template typings for Vue 3 (vue-tsc, Volar). Vue must treat the tags as custom elements
 * (`compilerOptions.isCustomElement: (tag) => tag.startsWith('mfa-')`); it then sets each
 * binding the element has as a property (`:i18n`) and the rest as attributes, and listens to
 * `@mfa-login-complete` and the other events:
 *
 * ```ts
 * import type {} from 'mfa-login/vue';
 * ```
 */
import type { DefineComponent } from 'vue';
import type { FlowError, FlowState, I18nOverrides, MfaLoginCompleteDetail } from 'mfa-login/widget';
import type { MfaLoginReauthenticateDetail } from 'mfa-login/widget/settings';

type Handler<Detail> = (event: CustomEvent<Detail>) => void;

interface SharedProps {
  /** Base URL of the mfa-login server; empty means this page's origin. */
  server?: string;
  /** `light`, `dark` or `auto` (the default: follows `prefers-color-scheme`). */
  theme?: 'light' | 'dark' | 'auto';
  /** Language of the texts. */
  lang?: string;
  /** Any string replaced, per language (bound as a property). */
  i18n?: I18nOverrides;
}

export interface MfaLoginProps extends SharedProps {
  /** The client registered on the server. */
  'client-id': string;
  /** Echoed in the id_token's `nonce` claim. */
  nonce?: string;
  /** Names the authentication sequence to use. */
  acr?: string;
  /** Pre-fills the username. */
  'login-hint'?: string;
  /** Also focus the first field of the first screen. */
  autofocus?: boolean;
  onMfaLoginComplete?: Handler<MfaLoginCompleteDetail>;
  onMfaLoginError?: Handler<Pick<FlowError, 'error' | 'message' | 'requestId'>>;
  onMfaLoginStep?: Handler<FlowState>;
}

export interface MfaLoginSettingsProps extends SharedProps {
  /** An id_token from this server; sent only in the Authorization header. */
  'id-token'?: string;
  /** The client the step-up runs for; defaults to the id_token's audience. */
  'client-id'?: string;
  onMfaLoginReauthenticate?: Handler<MfaLoginReauthenticateDetail>;
}

declare module 'vue' {
  interface GlobalComponents {
    'mfa-login': DefineComponent<MfaLoginProps>;
    'mfa-login-settings': DefineComponent<MfaLoginSettingsProps>;
  }
}
