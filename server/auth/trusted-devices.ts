import { webcrypto } from 'node:crypto';
import type { TrustedDevice } from '../../contract/flows.js';
import type { ClientRecord, FlowRecord, TrustedDeviceRecord, TrustedDeviceStore } from '../store/types.js';

/**
 * "Trust this device" (not the device token of device-tokens.ts, which only keeps a known browser
 * out of the password slow-down): a browser that completed a login may register the public half
 * of a non-extractable ECDSA P-256 key it made with WebCrypto. Signing a fresh challenge of a later
 * login of the same user and client then satisfies that login's second step (methods/device.ts).
 */

/** What the device signs: a fixed prefix keeps the key's signatures meaning this and nothing else. */
export const DEVICE_MESSAGE_PREFIX = 'mfa-login device v1\n';

/** How long a challenge may be signed, in seconds: the element signs it at once. */
export const DEVICE_CHALLENGE_SECONDS = 60;

/** Wrong signatures (or unknown devices) per flow before the device is no longer offered. */
export const DEVICE_MAX_ATTEMPTS = 3;

/** True when `signature` (IEEE P1363 r‖s, base64url) is the device key's ECDSA P-256/SHA-256 signature of the challenge. */
export async function verifyDeviceSignature(jwk: TrustedDeviceRecord['publicJwk'], challenge: string, signature: string): Promise<boolean> {
  try {
    const key = await webcrypto.subtle.importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const data = new TextEncoder().encode(DEVICE_MESSAGE_PREFIX + challenge);
    return await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, Buffer.from(signature, 'base64url'), data);
  } catch {
    // A key that is not a point on the curve, a signature of the wrong length: not this device.
    return false;
  }
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|Chromium\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A name a person recognises ("Firefox on Windows"), made from the user agent; the user agent itself is not kept. */
export function deviceName(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown browser';
}

/**
 * Whether a completed flow may trust the device that ran it: a login (never a step-up) in the
 * default sequence of a client that trusts devices, whose second step was proven just now (not by
 * a trusted device), once.
 */
export function mayTrustDevice(flow: FlowRecord, client: Pick<ClientRecord, 'trustDeviceDays' | 'defaultAcr'>): boolean {
  return (
    flow.kind === 'login' &&
    flow.acr === client.defaultAcr &&
    flow.status === 'complete' &&
    flow.userId !== null &&
    client.trustDeviceDays > 0 &&
    flow.sequence.length >= 2 &&
    !flow.methods.includes('device') &&
    !flow.data.trustedDevice
  );
}

/** A device as its owner sees it. */
export function deviceView(d: TrustedDeviceRecord): TrustedDevice {
  return { id: d.id, name: d.name, createdAt: d.createdAt, lastUsedAt: d.lastUsedAt, expiresAt: d.expiresAt };
}

/** After a new password or a factor reset no device skips a step any more: whoever held the old factor may hold one. */
export function revokeTrustedDevices(store: Pick<TrustedDeviceStore, 'deleteTrustedDevices'>, userId: string): Promise<number> {
  return store.deleteTrustedDevices(userId);
}
