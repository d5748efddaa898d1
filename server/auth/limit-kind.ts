/** The kinds of rate-limit counter, most specific first; a key is `<kind>:<value>`. */
const kinds = [
  'totp:user',
  'backup_code:user',
  'flows:ip',
  'sms:phone',
  'sms:ip',
  'sms:client',
  'sms:resend',
  'sms:verify:phone',
  'sms:verify:user',
  'sms:verify:ip',
  'sms:verify:client',
  'sms:verify-resend',
  'email:to',
  'email:ip',
  'email:resend',
  'password:ip',
  'password:device',
  'password',
  'oauth:secret:ip',
  'oauth:secret:client',
];

/**
 * A counter key's kind, for logs and metrics: never its value (a username, number, address or
 * IP). A key of a kind not listed gives only its first segment, which code always chooses.
 */
export function limitKind(key: string): string {
  return kinds.find((kind) => key.startsWith(`${kind}:`)) ?? key.split(':')[0] ?? 'other';
}
