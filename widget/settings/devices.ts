import { html, nothing } from 'lit';
import { title } from '../screens/fields.js';
import type { SettingsContext, TrustedDevice } from './types.js';

export interface DevicesActions {
  revoke(id: string): void;
  revokeAll(): void;
}

const day = (ctx: SettingsContext, iso: string) => new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium' }).format(new Date(iso));

/** The browsers trusted to skip the second step ("Trust this device"), each revocable; nothing when there are none. */
export function devicesScreen(ctx: SettingsContext, devices: TrustedDevice[] | undefined, on: DevicesActions) {
  if (!devices?.length) return nothing;
  const s = ctx.t.settings;
  return html`${title(s.devicesTitle)}
    <p class="hint">${s.devicesIntro}</p>
    <ul part="factors" class="factors">
      ${devices.map(
        (d, i) => html`<li class="factor">
          <span class="factor-name" id=${`device-${i}-name`}>${d.name}</span>
          <span class="factor-state" id=${`device-${i}-state`}>${
            d.lastUsedAt ? s.deviceUsed(day(ctx, d.createdAt), day(ctx, d.lastUsedAt)) : s.deviceNotUsed(day(ctx, d.createdAt))
          }</span>
          <button part="secondary-button" class="secondary" type="button" aria-describedby=${`device-${i}-name device-${i}-state`}
            ?disabled=${ctx.busy} @click=${() => on.revoke(d.id)}>${s.revokeDevice}</button>
        </li>`,
      )}
    </ul>
    ${
      devices.length > 1
        ? html`<button part="secondary-button" class="secondary" type="button" ?disabled=${ctx.busy} @click=${on.revokeAll}>${s.revokeAllDevices}</button>`
        : nothing
    }`;
}
