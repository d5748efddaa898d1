import type { html as Html } from 'lit';
import { enPasskeys } from '../i18n/en-passkeys.js';
import { type SectionController, stringsOf, usedText } from './section.js';
import type { Me, SettingsContext } from './types.js';

/** The status line after a passkey was added, renamed or removed. */
export const passkeysChanged = (ctx: SettingsContext) => stringsOf(ctx, enPasskeys).passkeysChanged;

export interface PasskeysController extends SectionController {
  showPasskeys(me: Me): void;
  host: { requestUpdate(): void };
}

/** The settings API's paths (contract/paths.ts mePasskeyPaths), written out: this chunk imports nothing of the entry's. */
const OPTIONS = '/passkeys/options';
const ADD = '/passkeys';
const RENAME = '/passkeys/rename';
const REMOVE = '/passkeys/remove';

/** The browser refused or the user cancelled: said once, until the next try. */
let failed = false;

/**
 * The user's passkeys: listed with their dates, renamed, removed, and a new one made with this
 * browser (@simplewebauthn/browser, loaded when the user asks). Every change goes through the
 * settings grant, so a step-up comes first when there is none. Loaded on demand with the factors.
 */
export function passkeysScreen(html: typeof Html, ctx: SettingsContext, me: Me, settings: PasskeysController) {
  const s = stringsOf(ctx, enPasskeys);
  const passkeys = me.factors.passkeys;
  const create = () =>
    settings.change<{ options: Record<string, unknown> }>(OPTIONS, {}, async ({ options }) => {
      failed = false;
      try {
        const { startRegistration } = await import('@simplewebauthn/browser');
        // biome-ignore lint/suspicious/noExplicitAny: the server's options are WebAuthn's JSON, checked by the browser.
        const response = await startRegistration({ optionsJSON: options as any });
        await settings.change<Me>(ADD, { response }, settings.showPasskeys);
      } catch {
        failed = true;
        settings.host.requestUpdate();
      }
    });
  const rename = (event: SubmitEvent, id: string) => {
    event.preventDefault();
    const name = (new FormData(event.target as HTMLFormElement).get('name') as string).trim();
    if (name) void settings.change<Me>(RENAME, { id, name }, settings.showPasskeys);
  };
  return html`<h2 part="title" class="title" tabindex="-1">${s.passkeysTitle}</h2>
    <p class="hint">${s.passkeysIntro}</p>
    <ul part="factors" class="factors">
      ${passkeys.map(
        (p, i) => html`<li class="factor">
          <form part="form" class="row" @submit=${(e: SubmitEvent) => rename(e, p.id)}>
            <input part="input" name="name" type="text" dir="auto" autocomplete="off" aria-label=${s.passkeyName} .value=${p.name} maxlength="64" required />
            <button part="secondary-button" class="secondary" ?disabled=${ctx.busy}>${s.renamePasskey}</button>
          </form>
          <span class="factor-state" id=${`passkey-${i}-state`}>${usedText(ctx, p, s.passkeyUsed, s.passkeyNotUsed)}</span>
          <button part="secondary-button" class="secondary" type="button" aria-label=${`${s.removePasskey} ${p.name}`}
            ?disabled=${ctx.busy} @click=${() => settings.change<Me>(REMOVE, { id: p.id }, settings.showPasskeys)}>${s.removePasskey}</button>
        </li>`,
      )}
    </ul>
    ${failed ? html`<p part="error" class="error" role="alert">${s.passkeyFailed}</p>` : ''}
    ${
      typeof PublicKeyCredential === 'function'
        ? html`<button part="secondary-button" class="secondary" type="button" ?disabled=${ctx.busy} @click=${create}>${s.createPasskey}</button>`
        : ''
    }`;
}
