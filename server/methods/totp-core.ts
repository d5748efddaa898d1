import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
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
  const [qrSvg, qrDataUrl] = await Promise.all([
    QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
  ]);
  return { qrSvg, qrDataUrl, secret, otpauthUri };
}

/** The matching RFC 6238 time step, or null; steps at or before `afterTimeStep` never match. */
export async function checkTotp(opts: {
  secret: string;
  code: string;
  params: TotpParams;
  window: number;
  now: Date;
  afterTimeStep: number | null;
}): Promise<number | null> {
  if (!new RegExp(`^[0-9]{${opts.params.digits}}$`).test(opts.code)) return null;
  const result = await verify({
    secret: opts.secret,
    token: opts.code,
    algorithm: opts.params.algorithm,
    digits: opts.params.digits as 6 | 7 | 8,
    period: opts.params.period,
    epoch: Math.floor(opts.now.getTime() / 1000),
    epochTolerance: opts.window * opts.params.period,
    ...(opts.afterTimeStep === null ? {} : { afterTimeStep: opts.afterTimeStep }),
  });
  // TOTP results carry the matched step (HOTP's, in the shared type, do not).
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}
