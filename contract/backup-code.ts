import { z } from 'zod';

/** The `backup_code` method: one of the user's one-time backup codes. */

export const backupCodeExample = 'ab3de-fg7hk';

export const backupCodeBody = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .meta({ examples: [backupCodeExample] }),
});
export type BackupCodeBody = z.output<typeof backupCodeBody>;

export const backupCodeOption = z
  .object({
    method: z.literal('backup_code'),
    remaining: z.int().min(1),
    low: z.literal(true).optional().meta({ description: 'Present when 2 or fewer codes are left.' }),
  })
  .meta({ description: 'Offered when the user has unused backup codes.' });
export type BackupCodeOption = z.output<typeof backupCodeOption>;

export const backupCodeSteps = {
  verify: {
    body: backupCodeBody,
    summary: 'Step: backup code',
    description:
      "Uses one of the user's one-time backup codes (case, spaces and dashes do not matter). The answer adds `backupCodesRemaining` (and `backupCodesLow` when 2 or fewer are left). 5 wrong codes per flow, then `too_many_attempts`; 20 wrong codes per user in 15 minutes across flows, then `rate_limited`.",
    errors: ['invalid_code', 'method_not_allowed', 'enrollment_required', 'too_many_attempts'],
    request: 'BackupCodeRequest',
  },
} as const;
