import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Strings } from './i18n/index.js';
import { backupCodesText } from './screens/backup-codes.js';

/**
 * What the user takes away from a screen: text copied to the clipboard (the status line says
 * whether that worked) and new backup codes as a .txt download, whose object URL lives only
 * while the codes are on screen and the element is in the page.
 */
export class CopyDownloadController implements ReactiveController {
  /** "Copied." or why not; the element clears it when the screen changes. */
  notice = '';
  private url?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly codes: () => string[] | undefined,
    private readonly strings: () => Strings,
  ) {
    host.addController(this);
  }

  /** The download of the codes on screen; empty while there are none. */
  get downloadUrl(): string {
    return this.url ?? '';
  }

  copy = async (text: string): Promise<void> => {
    const t = this.strings();
    try {
      await navigator.clipboard.writeText(text);
      this.notice = t.copied;
    } catch {
      this.notice = t.copyFailed;
    }
    this.host.requestUpdate();
  };

  hostUpdate(): void {
    const codes = this.codes();
    if (codes && !this.url) {
      this.url = URL.createObjectURL(new Blob([backupCodesText(this.strings(), codes)], { type: 'text/plain' }));
    } else if (!codes) {
      this.revoke();
    }
  }

  hostDisconnected(): void {
    this.revoke();
  }

  private revoke(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}
