/**
 * Keeps the flow handle for a reload in the same tab. sessionStorage, not localStorage: the
 * handle is a bearer secret for ten minutes and should not outlive the tab.
 */
export class HandleStore {
  constructor(private readonly storage: Storage | undefined = safeSessionStorage()) {}

  key(server: string, clientId: string): string {
    return `mfa-login:flow:${server || location.origin}:${clientId}`;
  }

  read(key: string): string | undefined {
    try {
      return this.storage?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, flow: string): void {
    try {
      this.storage?.setItem(key, flow);
    } catch {
      // Storage full or blocked: the flow still works, it just will not survive a reload.
    }
  }

  clear(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Same as write: nothing to undo.
    }
  }
}

/** Reading `sessionStorage` itself throws in sandboxed iframes and with storage blocked. */
function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
