import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Strings } from './i18n/index.js';
import { backupCodesText } from './screens/backup-codes.js';

/** How long a copy button says "Copied" before it shows its own label again. */
const COPIED_MS = 2000;

/**
 * What the user takes away from a screen: text copied to the clipboard (the button that copied
 * says so, and `notice` is for a screen reader to hear) and new backup codes as a .txt download,
 * whose object URL lives only while the codes are on screen and the element is in the page.
 */
export class CopyDownloadController implements ReactiveController {
  /** "Copied." or why not, for a live region; `clear()` empties it when the screen changes. */
  notice = '';
  private copiedText?: string;
  private outcome?: 'copied' | 'failed';
  private timer?: ReturnType<typeof setTimeout>;
  private url?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly codes: () => string[] | undefined,
    private readonly strings: () => Strings,
    /** Whose codes they are, named in the file. */
    private readonly account: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** The download of the codes on screen; empty while there are none. */
  get downloadUrl(): string {
    return this.url ?? '';
  }

  /** How copying `text` went, while the button that copied it should say so. */
  result = (text: string): 'copied' | 'failed' | undefined => (text === this.copiedText ? this.outcome : undefined);

  copy = async (text: string): Promise<void> => {
    const t = this.strings();
    this.clear();
    try {
      await navigator.clipboard.writeText(text);
      this.outcome = 'copied';
      this.notice = t.copied;
      this.timer = setTimeout(() => {
        this.clear();
        this.host.requestUpdate();
      }, COPIED_MS);
    } catch {
      this.outcome = 'failed';
      this.notice = t.copyFailed;
    }
    this.copiedText = text;
    this.host.requestUpdate();
  };

  /** Forgets the last copy: a new screen or an error says something else now. */
  clear(): void {
    clearTimeout(this.timer);
    this.notice = '';
    this.copiedText = undefined;
    this.outcome = undefined;
  }

  hostUpdate(): void {
    const codes = this.codes();
    if (codes && !this.url) {
      const text = backupCodesText(this.strings(), codes, this.account() ?? '', location.host);
      this.url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    } else if (!codes) {
      this.revoke();
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.revoke();
  }

  private revoke(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
  }
}
