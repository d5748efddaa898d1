import { HandleStore, safeStorage } from './handle-store.js';

/**
 * Keeps the device token the server hands out when a login completes, one per server and user,
 * so people sharing a browser each keep theirs. localStorage, not sessionStorage: the token is
 * what makes this browser a device that signed in before, in later sessions too. It is only
 * ever sent back with a password for the same user, and the server keeps only its hash. Storage
 * full or blocked: the next login just is not recognised as this device.
 */
export const deviceStore = () => new HandleStore(safeStorage('localStorage'), 'device');

/** A device token's key id: `username` as the server compares it (trimmed, NFKC, lower case). */
export const deviceKey = (username: string) => username.trim().normalize('NFKC').toLowerCase();
