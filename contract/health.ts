import { z } from 'zod';

/** Schemas of the probes at the issuer's root (`/healthz`, `/readyz`). */

export const health = z.strictObject({ status: z.literal('ok') }).meta({ description: 'Liveness: the process answers.' });

export const readinessCheckNames = ['store', 'signingKey', 'providers'] as const;
const checkResult = z.enum(['ok', 'failed', 'timeout']).meta({ description: '`timeout`: no answer within 2 s.' });

export const readiness = z
  .strictObject({
    status: z.enum(['ready', 'not_ready', 'shutting_down']).meta({
      description:
        '`shutting_down`: SIGTERM (or `drain()` on a mounted router) was received; requests in flight are being finished. No `checks` then.',
    }),
    checks: z.strictObject({ store: checkResult, signingKey: checkResult, providers: checkResult }).optional(),
    failed: z.array(z.enum(readinessCheckNames)).min(1).optional().meta({ description: 'With `not_ready`: the checks that did not answer `ok`.' }),
  })
  .meta({
    description:
      'Readiness. `checks`: `store` (a query through the store answered), `signingKey` (the key that signs id_tokens is open), `providers` (the SMS and e-mail senders built from the config are in place; their settings and `${ENV}` secrets are checked at start-up, and a probe sends nothing). Never a setting, an address or an error message.',
    examples: [{ status: 'not_ready', checks: { store: 'failed', signingKey: 'ok', providers: 'ok' }, failed: ['store'] }],
  });
export type Readiness = z.output<typeof readiness>;
