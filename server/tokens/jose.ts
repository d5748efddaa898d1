/**
 * jose, imported on first use: ~60 modules that a start would otherwise read and compile before its
 * first answer, though only token checks (settings, admin API, userinfo, logout) and DPoP proofs
 * use them. Signing and key making go through node:crypto (jws.ts, keys.ts).
 */
let loading: Promise<typeof import('jose')> | undefined;

export const jose = (): Promise<typeof import('jose')> => (loading ??= import('jose'));
