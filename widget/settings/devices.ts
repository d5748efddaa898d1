import type { html as Html } from 'lit';
import { enDevices } from '../i18n/en-devices.js';
import { type SectionController, stringsOf, usedText } from './section.js';
import type { MeDevices, SettingsContext, TrustedDevice } from './types.js';

/** The status line after a revocation: of one device, or of several at once ("Stop trusting all devices"). */
export function revokedText(ctx: SettingsContext, several: boolean): string {
  const s = stringsOf(ctx, enDevices);
  return several ? s.devicesDropped : s.devicesChanged;
}

export interface DevicesController extends SectionController {
  showDevices(answer: MeDevices): void;
}

/** The settings API's paths (contract/paths.ts mePaths), written out: this chunk imports nothing of the entry's. */
const REVOKE = '/devices/revoke';
const REVOKE_ALL = '/devices/revoke-all';

/**
 * The browsers trusted to skip the second step ("Trust this device"), each revocable. Loaded on
 * demand once the user has any, and importing nothing of the entry's at run time: the element hands in `html`.
 */
export function devicesScreen(html: typeof Html, ctx: SettingsContext, devices: TrustedDevice[], settings: DevicesController) {
  const s = stringsOf(ctx, enDevices);
  const on = {
    revoke: (id: string) => settings.change<MeDevices>(REVOKE, { id }, settings.showDevices),
    revokeAll: () => settings.change<MeDevices>(REVOKE_ALL, {}, settings.showDevices),
  };
  return html`<h2 part="title" class="title" tabindex="-1">${s.devicesTitle}</h2>
    <p class="hint">${s.devicesIntro}</p>
    <ul part="factors" class="factors">
      ${devices.map(
        (d, i) => html`<li class="factor">
          <span class="factor-name" id=${`device-${i}-name`}>${d.name}</span>
          <span class="factor-state" id=${`device-${i}-state`}>${usedText(ctx, d, s.deviceUsed, s.deviceNotUsed)}</span>
          <button part="secondary-button" class="secondary" type="button" aria-describedby=${`device-${i}-name device-${i}-state`}
            ?disabled=${ctx.busy} @click=${() => on.revoke(d.id)}>${s.revokeDevice}</button>
        </li>`,
      )}
    </ul>
    ${
      devices.length > 1
        ? html`<button part="secondary-button" class="secondary" type="button" ?disabled=${ctx.busy} @click=${on.revokeAll}>${s.revokeAllDevices}</button>`
        : ''
    }`;
}

/**
 * Where the list was before a change that stopped trusting every device (a new authenticator app
 * or phone does, on the server): the section stays, saying so, until the next change.
 */
export function devicesDroppedScreen(html: typeof Html, ctx: SettingsContext) {
  const s = stringsOf(ctx, enDevices);
  return html`<h2 part="title" class="title" tabindex="-1">${s.devicesTitle}</h2>
    <p class="hint" role="status">${s.devicesDropped}</p>`;
}
