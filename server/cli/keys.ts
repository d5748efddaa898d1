import { z } from 'zod';
import { auditActorOf } from '../admin/report.js';
import { CLI, type CliContext } from './context.js';
import { parseInput } from './input.js';
import { withServices } from './open.js';
import { table } from './output.js';
import { JWKS_MAX_AGE_SECONDS, KEY_CACHE_MS, PUBLISH_AHEAD_MS, publishedForMs, signingKeyOf } from '../tokens/keys.js';

/** `keys rotate`: a new signing key; the old one stays in the JWKS until the tokens it signed expired. */
export async function keysRotate(cli: CliContext): Promise<void> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    const now = services.now();
    const kid = await services.tokens.rotate(now);
    // Outside the admin operations (which report their own actions), so recorded here.
    services.audit.record({
      type: 'admin.action',
      userId: null,
      actor: auditActorOf(CLI),
      details: { via: 'cli', action: 'keys.rotate', target: kid },
    });
    const published = (await services.tokens.jwks(now)).keys.map((k) => k.kid!);
    const signsFrom = new Date(now.getTime() + PUBLISH_AHEAD_MS).toISOString();
    const keptFor = publishedForMs(services.config.tokens.idTokenTtlSeconds) / 1000;
    // Running servers hold the keys they read for KEY_CACHE_MS: the new one reaches their JWKS within that, not at once.
    const publishedWithinSeconds = KEY_CACHE_MS / 1000;
    const cachedWithinSeconds = publishedWithinSeconds + JWKS_MAX_AGE_SECONDS;
    cli.print({ kid, published, publishedWithinSeconds, cachedWithinSeconds, signsFrom }, () => [
      `New signing key: ${kid}`,
      `Running servers add it to their JWKS within ${publishedWithinSeconds} s (they re-read the keys that often); ` +
        `relying parties that cache the JWKS for its max-age (${JWKS_MAX_AGE_SECONDS} s) hold it within ${cachedWithinSeconds} s.`,
      `The JWKS then lists: ${published.join(', ')}`,
      // Published first, so that every cached JWKS holds it before a token carries its kid.
      `Every server signs with it from ${signsFrom} (${PUBLISH_AHEAD_MS / 1000} s from now); until then the previous key signs.`,
      ...(published.length > 1 ? [`The previous key stays published for ${keptFor} s, until the tokens it signed have expired.`] : []),
    ]);
  });
}

function stateOf(k: { active: boolean; signing: boolean; published: boolean; retiredAt: string | null }): string {
  if (k.active) return k.signing ? 'active' : 'active, published ahead of signing';
  if (k.signing) return `retired ${k.retiredAt}, signing until its successor takes over`;
  return k.published ? `retired ${k.retiredAt}, still published` : `retired ${k.retiredAt}`;
}

/** `keys list`: every stored signing key, the active one first. */
export async function keysList(cli: CliContext): Promise<void> {
  parseInput(cli, { schema: z.object({}) });
  return withServices(cli, async (services) => {
    const now = services.now();
    const published = new Set((await services.tokens.jwks(now)).keys.map((k) => k.kid));
    const stored = await services.store.listSigningKeys();
    const signing = signingKeyOf(stored, now)?.kid;
    const keys = stored.map((k) => ({
      kid: k.kid,
      alg: k.alg,
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
      active: k.retiredAt === null,
      signing: k.kid === signing,
      published: published.has(k.kid),
    }));
    cli.print({ keys }, () => table([['KID', 'ALG', 'CREATED', 'STATE'], ...keys.map((k) => [k.kid, k.alg, k.createdAt, stateOf(k)])]));
  });
}
