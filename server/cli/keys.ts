import { z } from 'zod';
import type { CliContext } from './context.js';
import { parseInput } from './input.js';
import { withServices } from './open.js';
import { table } from './output.js';
import { KEY_CACHE_MS } from '../tokens/tokens.js';

/** `keys rotate`: a new signing key; the old one stays in the JWKS until the tokens it signed expired. */
export async function keysRotate(cli: CliContext): Promise<number> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    const now = services.now();
    const kid = await services.tokens.rotate(now);
    const published = (await services.tokens.jwks(now)).keys.map((k) => k.kid!);
    cli.print({ kid, published }, () => [
      `New signing key: ${kid}`,
      `Published in the JWKS: ${published.join(', ')}`,
      ...(published.length > 1 ? [`Older keys stay published for ${services.config.tokens.idTokenTtlSeconds + KEY_CACHE_MS / 1000} s, until the tokens they signed have expired.`] : []),
      'Running servers sign with the new key once they re-read their keys (within a minute).',
    ]);
    return 0;
  });
}

/** `keys list`: every stored signing key, the active one first. */
export async function keysList(cli: CliContext): Promise<number> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    const now = services.now();
    const published = new Set((await services.tokens.jwks(now)).keys.map((k) => k.kid));
    const keys = (await services.store.listSigningKeys()).map((k) => ({
      kid: k.kid,
      alg: k.alg,
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
      active: k.retiredAt === null,
      published: published.has(k.kid),
    }));
    cli.print({ keys }, () =>
      table([
        ['KID', 'ALG', 'CREATED', 'STATE'],
        ...keys.map((k) => [k.kid, k.alg, k.createdAt, k.active ? 'active' : k.published ? `retired ${k.retiredAt}, still published` : `retired ${k.retiredAt}`]),
      ]),
    );
    return 0;
  });
}
