import type { MethodName } from '../config.js';
import { backupCode } from './backup-code.js';
import { device } from './device.js';
import { email } from './email.js';
import { password } from './password.js';
import { sms } from './sms.js';
import { totp } from './totp.js';
import type { Method } from './types.js';

/** Every method by name; a new factor is one file plus one line here. */
export const methods: Readonly<Record<MethodName, Method>> = {
  password,
  sms,
  totp,
  backup_code: backupCode,
  email,
  device,
};
