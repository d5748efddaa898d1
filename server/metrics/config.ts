import { z } from 'zod';

/**
 * Prometheus metrics, off by default. Served on a port of their own (a listener only for them),
 * or on the main port behind a bearer token: the main port is public, and the metrics tell
 * which clients are used, how often sign-ins fail and where the limits bite.
 */
export const metricsConfig = z
  .object({
    enabled: z.boolean().default(false),
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, 'a URL path starting with /, e.g. "/metrics"')
      .default('/metrics'),
    /** A port of their own; 0 picks a free one. Without it they are on the main port. */
    port: z.number().int().min(0).max(65535).optional(),
    /** The separate port's interface; defaults to the main `host`. */
    host: z.string().min(1).optional(),
    /** The bearer token scrapers send; may be `${ENV_NAME}`. Required on the main port. */
    token: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.enabled && c.port === undefined && c.token === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message:
          'required when metrics are served on the main port (metrics.port is not set): without it anyone who can reach the login could read them. ' +
          'Set metrics.token (e.g. "${METRICS_TOKEN}") or give the metrics a port of their own with metrics.port.',
      });
    }
  });

export type MetricsConfig = z.output<typeof metricsConfig>;
