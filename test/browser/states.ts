import type { FlowOption, FlowState } from '../../widget/types.js';

/** Flow states as the server sends them (api.md), with a fixed handle the tests look for. */

export const HANDLE = 'flow-handle-0123456789abcdef';

export const alice = { username: 'alice', displayName: 'Alice' };

export function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

export function pending(options: FlowOption[], extra: Partial<FlowState> = {}): FlowState {
  const second = options.every((o) => o.method !== 'password');
  return {
    flow: HANDLE,
    status: 'pending',
    expiresAt: inMinutes(10),
    ...(second ? { user: alice } : {}),
    step: { number: second ? 2 : 1, total: 2, options },
    ...extra,
  };
}

export const passwordStep = (): FlowState => pending([{ method: 'password' }]);

export const secondStep = (): FlowState =>
  pending([
    { method: 'totp', enrolled: true, canEnroll: true, attemptsRemaining: 5 },
    { method: 'sms', enrolled: true, canEnroll: true, phone: '+1 ••• ••• 0123' },
    { method: 'backup_code', remaining: 10 },
    { method: 'email', email: 'a•••@example.com', sent: false },
  ]);

/** A compact JWS; the signature is junk because the element never verifies it. */
export function fakeIdToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return `${part({ alg: 'ES256', kid: 'k1' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const claims = { iss: 'http://issuer.test', sub: 'u-1', aud: 'demo', amr: ['pwd', 'otp', 'mfa'], name: 'Ålice ✓' };

export function complete(extra: Partial<FlowState> = {}): FlowState {
  return {
    flow: HANDLE,
    status: 'complete',
    expiresAt: inMinutes(10),
    user: alice,
    result: { idToken: fakeIdToken(claims), tokenType: 'Bearer', expiresIn: 300 },
    ...extra,
  };
}

/** A completed login whose client offers to trust the device for 30 days. */
export const trustOffer = (): FlowState => complete({ offers: ['device'], trustDevice: { days: 30 } });
