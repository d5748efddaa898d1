import type { html, ReactiveControllerHost } from 'lit';
import type { ScreenContext } from './screens/context.js';
import type { MfaLogin } from './mfa-login.js';
import type { FlowOption, Method } from './types.js';

/**
 * What a screen loaded on demand is handed: Lit's `html` (so its chunk imports nothing the drop-in
 * script has; an empty string renders nothing), the screen's context, the option, and the flow to act on.
 */
export interface MethodKit {
  html: typeof html;
  ctx: ScreenContext;
  option: FlowOption;
  /** The element: `host.flow` is its flow controller. */
  host: MfaLogin;
}

/** A method's screen module, `screens/methods/<method>.ts`: each part optional. */
export interface MethodModule {
  /** The step's screen. */
  screen?(kit: MethodKit): unknown;
  /** After a complete sign-in, when the state `offers` the method: set it up now or skip. */
  offer?(kit: MethodKit): unknown;
  /**
   * Called after each render of a password screen whose step offers the method: from then on the
   * module watches `host` itself (a browser-side wait for the username field, ended when the field goes).
   */
  autofill?(host: MfaLogin): void;
}

/**
 * The screens of methods the drop-in script does not carry, one line each: a literal import, so
 * any bundler (this package's build, or a page's own that bundles the element) finds the chunk.
 */
const LOADERS: Partial<Record<Method, () => Promise<MethodModule>>> = {
  passkey: () => import('./screens/methods/passkey.js'),
};

const loaded: Partial<Record<Method, MethodModule | Promise<void>>> = {};

/** A method's screen module once loaded; undefined until then (`host` renders again when it arrives). */
export function methodScreen(method: Method, host: ReactiveControllerHost): MethodModule | undefined {
  loaded[method] ??= LOADERS[method]!().then((module) => {
    loaded[method] = module;
    host.requestUpdate();
  });
  const entry = loaded[method];
  return entry instanceof Promise ? undefined : entry;
}
