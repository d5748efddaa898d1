import { z } from 'zod';

/** How e-mails leave the server. Credentials and `from` may hold `${ENV_NAME}` references. */
const text = z.string().min(1);

export const smtpEmailConfig = z.strictObject({
  type: z.literal('smtp'),
  host: text,
  port: z.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: plain, upgraded by STARTTLS when offered. */
  secure: z.boolean().default(false),
  /** Refuse to send unless STARTTLS succeeds. */
  requireTLS: z.boolean().optional(),
  auth: z.strictObject({ user: text, pass: text }).optional(),
  from: text,
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  tls: z.strictObject({ rejectUnauthorized: z.boolean().optional() }).optional(),
});

/** Development only: logs a masked address; read the message from the dev outbox. */
export const consoleEmailConfig = z.strictObject({
  type: z.literal('console'),
  from: text.optional(),
});

export const emailProviderConfig = z.discriminatedUnion('type', [smtpEmailConfig, consoleEmailConfig]);

export type EmailProviderConfig = z.infer<typeof emailProviderConfig>;
export type EmailProviderConfigInput = z.input<typeof emailProviderConfig>;
export type SmtpEmailConfig = z.infer<typeof smtpEmailConfig>;
