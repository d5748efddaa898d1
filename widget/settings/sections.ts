import type { html as Html } from 'lit';
import type { SettingsController } from './controller.js';
import { devicesScreen } from './devices.js';
import { passkeysScreen } from './passkeys.js';
import type { SettingsContext } from './types.js';

export { devicesChanged } from './devices.js';
export { passkeysChanged } from './passkeys.js';

/**
 * The sections under the factors, one chunk loaded on demand: the passkeys (when the server has
 * them) and the trusted devices (once the user has any).
 */
export function sections(html: typeof Html, ctx: SettingsContext, settings: SettingsController) {
  const { devices, me } = settings;
  return html`${me?.factors.passkeys ? passkeysScreen(html, ctx, me, settings) : ''}${devices?.length ? devicesScreen(html, ctx, devices, settings) : ''}`;
}
