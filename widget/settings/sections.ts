import type { html as Html } from 'lit';
import { passkeyBook } from '../i18n/passkey-book.js';
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
  // Shown once the language's words are here, never in English for a moment.
  if (!passkeyBook(ctx.lang, () => settings.host.requestUpdate())) return '';
  const section = (content: unknown) => html`<section part="section" class="section">${content}</section>`;
  return html`${me?.factors.passkeys ? section(passkeysScreen(html, ctx, me, settings)) : ''}${
    devices?.length ? section(devicesScreen(html, ctx, devices, settings)) : ''
  }`;
}
