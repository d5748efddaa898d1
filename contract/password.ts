import { z } from 'zod';

/** The `password` method: the first step that identifies the user. */

export const passwordBody = z.object({
  username: z.string().trim().min(1).max(256).meta({ description: 'Trimmed; compared case-insensitively (NFKC).' }),
  password: z.string().min(1).max(1024).meta({ format: 'password' }),
  // Any text: a token the server no longer knows (revoked, expired, mangled) only loses its exemption.
  deviceToken: z.string().max(512).optional().meta({
    description:
      "The `deviceToken` this device received when it last completed a login for this username. Valid for that user: the attempt skips the per-username slow-down and spends the device's own budget instead of the address's. Unknown, expired, revoked or another user's: ignored (the attempt counts as one without it); never an error.",
  }),
});
export type PasswordBody = z.output<typeof passwordBody>;

export const passwordOption = z.object({ method: z.literal('password') });
export type PasswordOption = z.output<typeof passwordOption>;

export const passwordSteps = {
  verify: {
    body: passwordBody,
    summary: 'Step: password',
    description:
      'Identifies the user. An unknown username and a wrong password get the same status, message and `attemptsRemaining`, cost the same (an argon2id verify against a dummy hash) and count against the same limits. Without a valid `deviceToken`: `password.perUsernameAndIpLimit` failures (default 10) per username and client address (IPv6: its /64) per `password.windowSeconds` (default 900), then `rate_limited` with `Retry-After` for that pair whether the username exists or not; and once a username has `password.slowDown.afterFailures` failures (default 5) in the window from any address, each further attempt is held back min(`baseSeconds` × 2^k, `maxSeconds`) seconds (1, 2, 4, 8, then 16) before it is checked: slower, never refused. With a `deviceToken` this device received when it completed a login for this user: no slow-down, and `password.perDeviceLimit` failures (default 10) per window for that device in place of the address limit. A flow allows `password.maxAttempts` wrong passwords (then `too_many_attempts`: start again).',
    errors: ['invalid_credentials', 'method_not_allowed', 'enrollment_required', 'too_many_attempts', 'rate_limited'],
    request: 'PasswordRequest',
  },
} as const;
