import { browserSupportsWebAuthnAutofill, startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
import type { MfaLogin } from '../../mfa-login.js';
import type { PasskeyOption } from '../../../contract/passkey.js';
import { PATHS } from './paths.js';

/**
 * Conditional UI: while the password screen of a step that takes a discoverable passkey is up, the
 * browser is asked (mediation `conditional`) to list this site's passkeys under the username field
 * (`autocomplete="username webauthn"`). Nothing shows unless the user opens that list; a passkey
 * picked there is verified as the passkey screen's would be. The request ends when the field goes
 * (the step moved on, another method was chosen), when the element leaves the page, and while
 * another call is under way (the password was submitted); on the same screen it is made again.
 */

type Options = Parameters<typeof startAuthentication>[0]['optionsJSON'];

/** The field the browser lists passkeys under; the element renders it inside its shadow root. */
const FIELD = 'input[autocomplete~="webauthn"]';

interface Wait {
  /** The flow and step it was made for. */
  key: string;
  /** The browser may still answer it. */
  live: boolean;
  /** Ended by the element: any answer is dropped. */
  stopped?: boolean;
  /** @simplewebauthn has taken the request's abort signal, so cancelling it reaches the browser. */
  armed?: boolean;
}

/** Per element: the request made for the screen on show. One that ended by itself stays, so it is not made again there. */
const waits = new WeakMap<MfaLogin, Wait>();
const watched = new WeakSet<MfaLogin>();
/** The ceremony @simplewebauthn's abort service holds, if it is a conditional one of ours. */
let latest: Wait | undefined;

/** The flow and step a request is wanted for now, if one is. */
function wanted(host: MfaLogin): string | undefined {
  const state = host.flow.state;
  const step = state?.step;
  const option = step?.options.find((o) => o.method === 'passkey') as PasskeyOption | undefined;
  return host.isConnected && option?.discoverable && host.renderRoot.querySelector(FIELD) ? `${state!.flow}:${step!.number}` : undefined;
}

function cancel(wait: Wait): void {
  if (latest !== wait) return;
  latest = undefined;
  WebAuthnAbortService.cancelCeremony();
}

/** Ends the element's request, if one is waiting: its answer, if any still comes, is dropped. */
export function stopAutofill(host: MfaLogin): void {
  const wait = waits.get(host);
  waits.delete(host);
  if (!wait?.live) return;
  wait.stopped = true;
  if (wait.armed) cancel(wait);
}

function sync(host: MfaLogin): void {
  const key = wanted(host);
  const wait = waits.get(host);
  if (wait && (wait.key !== key || (wait.live && host.flow.busy))) stopAutofill(host);
  if (key && !host.flow.busy && !waits.has(host)) void request(host, key, host.flow.state!.flow);
}

/** Options outside the element's call gate: the user may submit the password meanwhile, and a failure here shows nothing. */
async function optionsFor(host: MfaLogin, flow: string): Promise<Options | undefined> {
  const base = (host.server || location.origin).replace(/\/+$/, '');
  const answer = await fetch(`${base}${PATHS.options}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ flow }),
    credentials: 'omit',
    cache: 'no-store',
  });
  return answer.ok ? ((await answer.json()) as { passkeyOptions?: Options }).passkeyOptions : undefined;
}

async function request(host: MfaLogin, key: string, flow: string): Promise<void> {
  const wait: Wait = { key, live: true };
  waits.set(host, wait);
  try {
    if (!(await browserSupportsWebAuthnAutofill())) return;
    const optionsJSON = await optionsFor(host, flow);
    if (!optionsJSON || wait.stopped) return;
    latest = wait;
    // The field is in the element's shadow root, where the library's own check does not look.
    const answering = startAuthentication({ optionsJSON, useBrowserAutofill: true, verifyBrowserAutofillInput: false });
    // The library takes its abort signal after the same check: once this one is back, so is that.
    void browserSupportsWebAuthnAutofill().then(() => {
      wait.armed = true;
      if (wait.stopped) cancel(wait);
    });
    const response = await answering;
    if (wait.stopped) return;
    wait.live = false;
    await host.flow.act(PATHS.verify, { response });
  } catch {
    // Aborted (the screen moved on, another ceremony began), or the browser ended it: nothing was sent.
  } finally {
    wait.live = false;
    if (latest === wait) latest = undefined;
  }
}

/** Watches `host` from now on: after each render, and when it leaves the page. */
export function autofill(host: MfaLogin): void {
  if (!watched.has(host)) {
    watched.add(host);
    host.addController({ hostUpdated: () => sync(host), hostDisconnected: () => stopAutofill(host) });
  }
  sync(host);
}
