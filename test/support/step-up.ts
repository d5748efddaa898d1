import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { accessTokenHash } from '../../server/self-service/dpop.js';
import { totpAt } from './login.js';
import type { TestServer } from './server.js';

/** Every change under /api/v1/me, with a body of the right shape. */
export const SETTINGS_CHANGES: [path: string, body: unknown][] = [
  ['/api/v1/me/totp/enroll', {}],
  ['/api/v1/me/totp/verify', { code: '123456' }],
  ['/api/v1/me/totp/remove', { id: 'an-authenticator' }],
  ['/api/v1/me/totp/rename', { id: 'an-authenticator', name: 'Phone' }],
  ['/api/v1/me/phone', { phone: '+12015550199' }],
  ['/api/v1/me/phone/verify', { code: '123456' }],
  ['/api/v1/me/backup-codes', {}],
  ['/api/v1/me/passkeys/options', {}],
  ['/api/v1/me/passkeys/rename', { id: 'x', name: 'Laptop' }],
  ['/api/v1/me/passkeys/remove', { id: 'x' }],
];

/** A browser's DPoP key pair, as `<mfa-login-settings>` holds one (the private half never leaves). */
export interface ProofKey {
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function proofKey(): Promise<ProofKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { privateKey, jwk: { kty, crv, x, y } };
}

/** An RFC 9449 proof for one call; `claims` overrides any claim (tests of bad proofs), iat included. */
export function proofFor(
  key: ProofKey,
  method: string,
  url: string,
  grant: string,
  claims: Record<string, unknown> = {},
  jwk: JWK = key.jwk,
): Promise<string> {
  return new SignJWT({ jti: randomUUID(), htm: method, htu: url, iat: Math.floor(Date.now() / 1000), ath: accessTokenHash(grant), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .sign(key.privateKey);
}

/** Calls /api/v1/me the way the settings element does: the grant plus a fresh proof each time. */
export interface SettingsSession {
  grant: string;
  key: ProofKey;
  origin: string;
  headers(method: string, path: string): Promise<Record<string, string>>;
  post(path: string, body: unknown): ReturnType<TestServer['post']>;
  get(path: string): ReturnType<TestServer['get']>;
}

export function settingsSession(server: TestServer, grant: string, key: ProofKey, origin = server.url): SettingsSession {
  const headers = async (method: string, path: string) => ({
    authorization: `DPoP ${grant}`,
    // Made at the server's time, as a browser's clock in step with it would.
    dpop: await proofFor(key, method, server.url + path, grant, { iat: Math.floor(server.services.now().getTime() / 1000) }),
    origin,
  });
  return {
    grant,
    key,
    origin,
    headers,
    post: async (path, body) => server.post(path, body, await headers('POST', path)),
    get: async (path) => server.get(path, await headers('GET', path)),
  };
}

/** Starts a step-up for settings in a browser at `origin`; answers the handle and the state. */
export async function startStepUp(server: TestServer, idToken: string | undefined, key: ProofKey, origin = server.url) {
  const res = await server.post(
    '/api/v1/flows',
    { clientId: 'demo', purpose: 'settings', ...(idToken ? { idToken } : {}), dpopKey: key.jwk },
    { origin },
  );
  return { flow: res.body.flow as string, res };
}

/**
 * Alice confirms with her authenticator (and her password first when the sign-in is no longer
 * recent); answers a settings session bound to a new key and `origin`.
 */
export async function stepUp(server: TestServer, idToken: string, secret: string, origin = server.url): Promise<SettingsSession> {
  const key = await proofKey();
  const { flow, res } = await startStepUp(server, idToken, key, origin);
  if (res.status !== 201) throw new Error(`step-up start failed: ${JSON.stringify(res.body)}`);
  if (res.body.step.options.some((o: { method: string }) => o.method === 'password')) {
    await server.post('/api/v1/flows/password', { flow, username: server.demo!.username, password: server.demo!.password }, { origin });
  }
  // A code is accepted once per time step: the sign-in before may have used this one.
  server.advance(30);
  const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) }, { origin });
  if (done.body.status !== 'complete') throw new Error(`step-up failed: ${JSON.stringify(done.body)}`);
  return settingsSession(server, done.body.result.settingsGrant, key, origin);
}
