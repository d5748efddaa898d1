/**
 * Keeps the flow handle for a reload in the same tab. sessionStorage, not localStorage: the
 * handle is a bearer secret for ten minutes and should not outlive the tab. device-store.ts
 * keeps device tokens with it, under another `kind`.
 */
export class HandleStore {
  constructor(
    private readonly storage: Storage | undefined = safeStorage('sessionStorage'),
    private readonly kind = 'flow',
  ) {}

  /** One entry per server and client (per server and user for device tokens). */
  key(server: string, id: string): string {
    return `mfa-login:${this.kind}:${server || location.origin}:${id}`;
  }

  read(key: string): string | undefined {
    try {
      return this.storage?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Storage full or blocked: the flow still works, it just will not survive a reload. */
  write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {}
  }

  clear(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {}
  }
}

/** Reading `sessionStorage` or `localStorage` itself throws in sandboxed iframes and with storage blocked. */
export function safeStorage(name: 'sessionStorage' | 'localStorage'): Storage | undefined {
  try {
    return window[name];
  } catch {
    return undefined;
  }
}
