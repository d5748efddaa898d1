import { browserSupportsWebAuthn, platformAuthenticatorIsAvailable, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { enPasskey, type PasskeyStrings } from '../../i18n/en-passkey.js';
import { passkeyBook } from '../../i18n/passkey-book.js';
import type { MethodKit } from '../../method-screens.js';
import { stopAutofill } from '../passkey/autofill.js';
import { PATHS } from '../passkey/paths.js';

export { autofill } from '../passkey/autofill.js';

/**
 * Passkeys in `<mfa-login>`, loaded only when a step offers one (this chunk carries
 * @simplewebauthn/browser): the step's screen, the offer to make one after a complete sign-in, and
 * the passkeys the browser lists under the username field (../passkey/autofill.ts). Options and answers travel as WebAuthn's JSON.
 */

type Options = Parameters<typeof startAuthentication>[0]['optionsJSON'];
type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/**
 * The words in the element's language: English, the language's module, then the page's `i18n`;
 * undefined while the module loads (the element renders again once it is here).
 */
export function strings(kit: MethodKit): PasskeyStrings | undefined {
  const book = passkeyBook(kit.ctx.lang, () => kit.host.requestUpdate());
  return book && { ...enPasskey, ...book.passkey, ...(kit.ctx.t as { passkey?: Partial<PasskeyStrings> }).passkey };
}

/** A line the screen says itself (a ceremony the user cancelled), per element. */
const notes = new WeakMap<HTMLElement, string>();
/** Whether the device has a user-verifying platform authenticator, per element; null while asked. */
const platforms = new WeakMap<HTMLElement, boolean | null>();

function note(kit: MethodKit, text: string | undefined): void {
  if (text) notes.set(kit.host, text);
  else notes.delete(kit.host);
  kit.host.flow.clearError();
}

const passkeyOptions = (kit: MethodKit) => (kit.host.flow.state as { passkeyOptions?: Options } | undefined)?.passkeyOptions;

/** Asks for options, lets the browser sign, and hands the answer to the step. */
async function signIn(kit: MethodKit): Promise<void> {
  const { flow } = kit.host;
  note(kit, undefined);
  // The browser holds one request at a time: a conditional one still waiting would refuse this one.
  stopAutofill(kit.host);
  const step = flow.state?.step?.number;
  await flow.act(PATHS.options);
  const optionsJSON = passkeyOptions(kit);
  if (!optionsJSON) return;
  let response: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch {
    // Cancelled, timed out, or replaced by another ceremony: nothing was sent.
    note(kit, strings(kit)?.cancelled);
    return;
  }
  // The sign-in moved on meanwhile (in another window): this answer is for another step.
  if (flow.state?.step?.number !== step) return;
  await flow.act(PATHS.verify, { response });
}

export function screen(kit: MethodKit) {
  const { html, ctx } = kit;
  const t = strings(kit);
  if (!t) return '';
  const supported = browserSupportsWebAuthn();
  const said = supported ? notes.get(kit.host) : t.unsupported;
  return html`<h2 part="title" class="title" tabindex="-1">${t.title}</h2>
    <p class="hint">${t.hint}</p>
    ${said ? html`<p part="note" class="note" role="status">${said}</p>` : ''}
    ${ctx.errorBox()}
    <button part="button" class="primary" type="button" ?disabled=${ctx.busy || !supported} @click=${() => void signIn(kit)}>
      ${t.use}
    </button>`;
}

/** A name for a passkey made here, from what the browser says of its platform. */
function deviceName(): string {
  const platform = (navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform;
  return platform ? `Passkey on ${platform}` : 'Passkey';
}

async function make(kit: MethodKit): Promise<void> {
  const { flow } = kit.host;
  note(kit, undefined);
  stopAutofill(kit.host);
  await flow.act(PATHS.registerOptions);
  const optionsJSON = (flow.state as { passkeyOptions?: CreationOptions } | undefined)?.passkeyOptions;
  if (!optionsJSON) return;
  try {
    const response = await startRegistration({ optionsJSON });
    await flow.act(PATHS.register, { response, name: deviceName() });
  } catch {
    note(kit, strings(kit)?.cancelled);
  }
}

/** Leaves the offer: the sign-in completes as it is. */
function skip(kit: MethodKit): void {
  kit.host.flow.leaveOffer();
}

/** "Sign in faster next time?": make a passkey with the sign-in just made, or skip. */
export function offer(kit: MethodKit) {
  const { html, ctx } = kit;
  // Offered where this device can keep a passkey itself (a fingerprint, a face, a screen lock).
  const platform = platforms.get(kit.host);
  if (platform === undefined) {
    platforms.set(kit.host, null);
    void platformAuthenticatorIsAvailable().then((yes) => {
      platforms.set(kit.host, yes);
      if (yes) kit.host.requestUpdate();
      else skip(kit);
    });
  }
  // Known to have none (this element asked in an earlier sign-in): the sign-in completes as it is.
  if (platform === false) queueMicrotask(() => skip(kit));
  const t = strings(kit);
  if (!platform || !t) return '';
  const said = notes.get(kit.host);
  return html`<h2 part="title" class="title" tabindex="-1">${t.offerTitle}</h2>
    <p class="hint">${t.offerHint}</p>
    ${said ? html`<p part="note" class="note" role="status">${said}</p>` : ''}
    ${ctx.errorBox()}
    <button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${() => void make(kit)}>${t.create}</button>
    <p><button part="link-button" class="link" type="button" @click=${() => skip(kit)}>${t.skip}</button></p>`;
}
