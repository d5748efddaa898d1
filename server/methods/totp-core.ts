import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifySync as verifyHotp } from '@otplib/hotp';
import { createGuardrails, generateSecret, generateURI, ScureBase32Plugin, type CryptoPlugin } from 'otplib';
import type { Config } from '../config.js';

export type TotpParams = Pick<Config['totp'], 'algorithm' | 'digits' | 'period'>;

export interface Enrollment {
  qrSvg: string;
  qrDataUrl: string;
  secret: string;
  otpauthUri: string;
}

export const newTotpSecret = () => generateSecret({ length: 20 });

/** Google Authenticator Key Uri Format: issuer in the label and as a parameter. */
export async function enrollmentFor(secret: string, issuer: string, account: string, params: TotpParams): Promise<Enrollment> {
  const otpauthUri = generateURI({
    issuer,
    label: account,
    secret,
    algorithm: params.algorithm,
    digits: params.digits as 6 | 7 | 8,
    period: params.period,
  });
  // Loaded on the first enrolment, not at start-up: most requests never draw a QR code.
  const { default: QRCode } = await import('qrcode');
  const [qrSvg, qrDataUrl] = await Promise.all([
    QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  ]);
  return { qrSvg, qrDataUrl, secret, otpauthUri };
}

/**
 * otplib's HMACs through node:crypto (OpenSSL) instead of its default pure-JS @noble/hashes:
 * a check tries up to three steps, each an HMAC, on the event loop.
 */
const nodeCrypto: CryptoPlugin = {
  name: 'node',
  algorithms: ['sha1', 'sha256', 'sha512'],
  hmac: (algorithm, key, data) => new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
  constantTimeEqual(a, b) {
    const [x, y] = [Buffer.from(a), Buffer.from(b)];
    return x.length === y.length && timingSafeEqual(x, y);
  },
};

/** Steps an authenticator's learned drift may move its window, either way: never more. */
export const MAX_DRIFT_STEPS = 2;

/**
 * Where to centre an authenticator's window, in steps from the server's: the median of the
 * offsets of its recent accepted codes (one slow typist does not move it), truncated toward
 * zero and bounded by {@link MAX_DRIFT_STEPS}. So a token whose clock runs off keeps working,
 * yet no code further than `window + 2` steps from now is ever accepted.
 */
export function driftOf(recentOffsets: number[]): number {
  if (recentOffsets.length === 0) return 0;
  const sorted = [...recentOffsets].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(-MAX_DRIFT_STEPS, Math.min(MAX_DRIFT_STEPS, Math.trunc(median)));
}

/** The server's RFC 6238 time step at `now`. */
export const stepAt = (now: Date, period: number) => Math.floor(now.getTime() / 1000 / period);

/** otplib's default limits, made once: without them it builds (and freezes) a fresh set on every call. */
const GUARDRAILS = createGuardrails();
const BASE32 = new ScureBase32Plugin();

/** A code's shape per digit count, compiled once: a check runs on every TOTP answer. */
const CODE_SHAPES = new Map([6, 7, 8].map((digits) => [digits, new RegExp(`^[0-9]{${digits}}$`)]));

/**
 * The matching RFC 6238 time step, or null; steps at or before `afterTimeStep` never match.
 * `drift` (steps) moves the window: `window` steps either side of now + drift. A TOTP code is the
 * HOTP code of its time step (RFC 6238 §4.2), so the window is one otplib HOTP check over its
 * steps, with the secret decoded once: otplib's TOTP check decodes and validates everything again
 * for each step, which cost three times the HMACs on the event loop. Synchronous: the HMACs are
 * node:crypto's one-shot calls.
 */
export function checkTotp(opts: {
  secret: string;
  code: string;
  params: TotpParams;
  window: number;
  now: Date;
  afterTimeStep: number | null;
  drift?: number;
}): number | null {
  if (!CODE_SHAPES.get(opts.params.digits)?.test(opts.code)) return null;
  const step = stepAt(opts.now, opts.params.period) + (opts.drift ?? 0);
  // Steps before this one are out: the window's own edge, or the last step already used.
  const first = opts.afterTimeStep === null ? step - opts.window : Math.max(step - opts.window, opts.afterTimeStep + 1);
  const last = step + opts.window;
  if (first > last) return null;
  const result = verifyHotp({
    crypto: nodeCrypto,
    secret: BASE32.decode(opts.secret),
    token: opts.code,
    algorithm: opts.params.algorithm,
    digits: opts.params.digits as 6 | 7 | 8,
    // Oldest first, as otplib's TOTP check goes.
    counter: first,
    counterTolerance: [0, last - first],
    guardrails: GUARDRAILS,
  });
  return result.valid ? first + result.delta : null;
}
