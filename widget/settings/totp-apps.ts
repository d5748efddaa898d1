import { html, nothing } from 'lit';
import { onSubmit, submitButton, title } from '../screens/fields.js';
import type { SettingsContext, TotpAuthenticator } from './types.js';

export interface TotpAppActions {
  rename(app: TotpAuthenticator): void;
  remove(app: TotpAuthenticator): void;
}

/** A name field for an authenticator app; the server trims it and takes up to 64 characters. */
export function totpNameField(ctx: SettingsContext, value: string, changed?: (name: string) => void) {
  return html`<div class="field">
    <label part="label" for="totp-name">${ctx.t.settings.totpName}</label>
    <input part="input" id="totp-name" name="name" type="text" dir="auto" required maxlength="64" autocomplete="off"
      .value=${value} @input=${changed ? (e: Event) => changed((e.target as HTMLInputElement).value) : undefined} />
  </div>`;
}

/**
 * The user's authenticator apps under the TOTP row, each with its name and what can be done
 * about it. The last one has no Remove: a change must still be confirmable with an app.
 */
export function totpAppsList(ctx: SettingsContext, apps: TotpAuthenticator[], on: TotpAppActions) {
  if (apps.length === 0) return nothing;
  const s = ctx.t.settings;
  return html`<ul part="totp-apps" class="totp-apps">
    ${apps.map(
      (app, i) => html`<li class="totp-app">
        <span class="totp-app-name" id=${`totp-app-${i}`}><bdi>${app.name}</bdi></span>
        <span class="row">
          <button part="link-button" class="link" type="button" aria-describedby=${`totp-app-${i}`} ?disabled=${ctx.busy}
            @click=${() => on.rename(app)}>${s.rename}</button>
          ${
            apps.length > 1
              ? html`<button part="link-button" class="link" type="button" aria-describedby=${`totp-app-${i}`} ?disabled=${ctx.busy}
                @click=${() => on.remove(app)}>${s.remove}</button>`
              : nothing
          }
        </span>
      </li>`,
    )}
  </ul>`;
}

export function renameTotpScreen(ctx: SettingsContext, app: TotpAuthenticator, on: { rename(name: string): void }) {
  const s = ctx.t.settings;
  return html`${title(s.rename)}
    <form part="form" class="form" aria-busy=${ctx.busy ? 'true' : 'false'}
      @submit=${onSubmit((data) => on.rename(String(data.get('name') ?? '')))}>
      ${totpNameField(ctx, app.name)}
      ${submitButton(ctx, s.rename)}
    </form>`;
}

/** Removing cuts the app off at once: say so, with its name, before doing it. */
export function removeTotpScreen(ctx: SettingsContext, app: TotpAuthenticator, on: { remove(): void }) {
  const s = ctx.t.settings;
  return html`${title(s.removeTotpTitle(app.name))}
    <p class="hint">${s.removeTotpWarning(app.name)}</p>
    <button part="button" class="primary" type="button" ?disabled=${ctx.busy} @click=${on.remove}>${s.remove}</button>`;
}
