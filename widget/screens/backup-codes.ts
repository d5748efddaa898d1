import { html } from 'lit';
import type { Strings } from '../i18n/index.js';
import type { ScreenContext } from './context.js';
import { type CopyActions, copyButton, title } from './fields.js';

export interface BackupCodesActions extends CopyActions {
  savedChange(saved: boolean): void;
  continue(): void;
}

/** The downloaded file names whose codes they are and for which site, for whoever finds it later. */
export function backupCodesText(t: Strings, codes: string[], account: string, site: string): string {
  return `${t.backupCodes.fileHeading(account, site)}\n\n${codes.join('\n')}\n`;
}

/**
 * Shown once, right after the server made the codes; Continue stays disabled until the user
 * says they are saved. `downloadUrl` is an object URL the element creates and revokes.
 */
export function backupCodesScreen(ctx: ScreenContext, codes: string[], saved: boolean, downloadUrl: string, on: BackupCodesActions) {
  const { t } = ctx;
  return html`${title(t.backupCodes.title)}
    <p class="hint">${t.backupCodes.intro}</p>
    <ul part="codes" class="codes" dir="ltr">
      ${codes.map((code) => html`<li><code>${code}</code></li>`)}
    </ul>
    <div class="row">
      ${copyButton(ctx, t.backupCodes.copyAll, codes.join('\n'), on)}
      <a part="secondary-button" class="secondary" href=${downloadUrl} download=${t.backupCodes.fileName}>
        ${t.backupCodes.download}
      </a>
    </div>
    <div class="check">
      <input id="saved" name="saved" type="checkbox" .checked=${saved}
        @change=${(event: Event) => on.savedChange((event.target as HTMLInputElement).checked)} />
      <label part="label" for="saved">${t.backupCodes.saved}</label>
    </div>
    <button part="button" class="primary" type="button" ?disabled=${!saved} @click=${on.continue}>
      ${t.backupCodes.continue}
    </button>`;
}
