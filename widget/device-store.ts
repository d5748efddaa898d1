/**
 * Keeps the device token the server hands out when a login completes, one per server and user,
 * so people sharing a browser each keep theirs. localStorage, not sessionStorage: the token is
 * what makes this browser a device that signed in before, in later sessions too. It is only
 * ever sent back with a password for the same user, and the server keeps only its hash.
 */
export class DeviceStore {
  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {}

  /** `username` as the server compares it: trimmed, NFKC, lower case. */
  key(server: string, username: string): string {
    return `mfa-login:device:${server || location.origin}:${username.trim().normalize('NFKC').toLowerCase()}`;
  }

  read(key: string): string | undefined {
    try {
      return this.storage?.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  write(key: string, token: string): void {
    try {
      this.storage?.setItem(key, token);
    } catch {
      // Storage full or blocked: the next login just is not recognised as this device.
    }
  }
}

/** Reading `localStorage` itself throws in sandboxed iframes and with storage blocked. */
function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
