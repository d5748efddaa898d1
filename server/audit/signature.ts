import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header each POST to the audit sink carries. */
export const SIGNATURE_HEADER = 'X-Mfa-Login-Signature';

const mac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the time is signed too, so an old POST cannot be replayed as new. */
export function signBody(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

/**
 * What a receiver does: recompute the HMAC over `t.body` (the raw bytes as received), compare in
 * constant time, and refuse a timestamp further than `toleranceSeconds` from its own clock.
 */
export function verifySignature(secret: string, header: string | null | undefined, body: string, now: Date, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(mac(secret, t, body), 'hex'), Buffer.from(given, 'hex'));
}
