import type { html as Html } from 'lit';
import { passkeyBook } from '../i18n/passkey-book.js';
import type { SettingsController } from './controller.js';
import { devicesDroppedScreen, devicesScreen, revokedText } from './devices.js';
import { passkeysScreen } from './passkeys.js';
import type { SettingsContext } from './types.js';

export { passkeysChanged } from './passkeys.js';

/** How many trusted devices each element listed when it last rendered them, or before the change on screen. */
const listed = new WeakMap<SettingsController, number>();

/**
 * A change just made (not a revocation here) left none of the devices listed before it: the
 * server stops trusting them on a new authenticator app or phone, and the user should hear why
 * the list is gone. Read on each render: a new change, or none, starts the count again.
 */
function devicesDropped(settings: SettingsController): boolean {
  const { devices, changed } = settings;
  const before = listed.get(settings) ?? 0;
  if (devices?.length || !changed) listed.set(settings, devices?.length ?? 0);
  return !devices?.length && before > 0 && changed !== undefined && changed !== 'devices';
}

/**
 * The status line after a revocation: a list of several emptied at once was "Stop trusting all
 * devices". While that empty list is on screen, `listed` still holds the count from before it.
 */
export const devicesChanged = (ctx: SettingsContext, settings: SettingsController) =>
  revokedText(ctx, !settings.devices?.length && (listed.get(settings) ?? 0) > 1);

/**
 * The sections under the factors, one chunk loaded on demand: the passkeys (when the server has
 * them) and the trusted devices (once the user has any).
 */
export function sections(html: typeof Html, ctx: SettingsContext, settings: SettingsController) {
  const { devices, me } = settings;
  // Shown once the language's words are here, never in English for a moment.
  if (!passkeyBook(ctx.lang, () => settings.host.requestUpdate())) return '';
  const section = (content: unknown) => html`<section part="section" class="section">${content}</section>`;
  // Read on every render, so that it sees the list before a change empties it.
  const dropped = devicesDropped(settings);
  return html`${me?.factors.passkeys ? section(passkeysScreen(html, ctx, me, settings)) : ''}${
    devices?.length ? section(devicesScreen(html, ctx, devices, settings)) : dropped ? section(devicesDroppedScreen(html, ctx)) : ''
  }`;
}
