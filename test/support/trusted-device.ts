import { webcrypto } from 'node:crypto';
import { DEVICE_MESSAGE_PREFIX } from '../../server/auth/trusted-devices.js';
import type { TestServer } from './server.js';

/** A browser's trusted-device key as the element makes it: ECDSA P-256, the private half not extractable. */
export interface DeviceKey {
  privateKey: webcrypto.CryptoKey;
  jwk: { kty: string; crv: string; x: string; y: string };
}

export async function deviceKey(): Promise<DeviceKey> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, jwk: { kty: kty!, crv: crv!, x: x!, y: y! } };
}

/** The signature `device/verify` takes: P1363 r‖s, base64url. */
export async function signChallenge(key: DeviceKey, challenge: string): Promise<string> {
  const signature = await webcrypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key.privateKey,
    new TextEncoder().encode(DEVICE_MESSAGE_PREFIX + challenge),
  );
  return Buffer.from(signature).toString('base64url');
}

/** Asks for a challenge in `flow` and signs it with `key` as device `deviceId`. */
export async function useDevice(server: TestServer, flow: string, deviceId: string, key: DeviceKey) {
  const asked = await server.post('/api/v1/flows/device/challenge', { flow });
  if (asked.status !== 200) return asked;
  return server.post('/api/v1/flows/device/verify', { flow, deviceId, signature: await signChallenge(key, asked.body.deviceChallenge.challenge) });
}
