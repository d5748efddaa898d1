import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { auditEventType, type AuditEvent } from '../../contract/audit.js';
import { listEvents, type EventFilters } from '../audit/query.js';
import type { Services } from '../services.js';
import type { CliContext } from './context.js';
import { parseInput } from './input.js';
import { withServices } from './open.js';

/** How often `--follow` asks the store for new events. */
const POLL_MS = 1000;
/**
 * Events reach the store a moment after their time (they are written in batches, from every
 * instance): each poll reads this far back and skips the ones already printed.
 */
const LOOKBACK_MS = 10_000;
const PAGE = 500;

const tailInput = z.object({
  follow: z.boolean().default(false),
  user: z.string().min(1).max(200).optional(),
  client: z.string().min(1).max(64).optional(),
  type: z.array(auditEventType).optional(),
  limit: z.coerce.number().int('a whole number').min(1).max(PAGE).default(20),
  since: z.iso.datetime({ offset: true }).optional(),
});

/** A username names its user; anything else is taken as a user id (a deleted user's events stay). */
async function userIdOf(services: Services, user: string | undefined): Promise<string | undefined> {
  if (user === undefined) return undefined;
  return (await services.store.findUserByUsername(user))?.id ?? user;
}

/** Every event after `from` (inclusive), oldest first, page after page. */
async function* eventsSince(services: Services, filters: EventFilters, from: Date): AsyncGenerator<AuditEvent> {
  let cursor: string | undefined;
  do {
    const page = await listEvents(services.store, { ...filters, from, order: 'asc', limit: PAGE }, cursor);
    yield* page.events;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * `events tail [--follow] [--user U] [--client C] [--type T]... [--limit N] [--since ISO]`: the
 * newest events as JSON lines, oldest first; with --follow, new ones as they are stored, until
 * interrupted.
 */
export async function eventsTail(cli: CliContext): Promise<void> {
  const input = parseInput(cli, {
    options: {
      follow: { type: 'boolean', short: 'f' },
      user: { type: 'string' },
      client: { type: 'string' },
      type: { type: 'string', multiple: true },
      limit: { type: 'string' },
      since: { type: 'string' },
    },
    schema: tailInput,
  });
  return withServices(cli, async (services) => {
    const userId = await userIdOf(services, input.user);
    const filters: EventFilters = {
      ...(userId ? { user: userId } : {}),
      ...(input.client ? { client: input.client } : {}),
      ...(input.type ? { type: input.type } : {}),
      ...(input.since ? { from: new Date(input.since) } : {}),
      order: 'desc',
      limit: input.limit,
    };
    const newest = (await listEvents(services.store, filters)).events.reverse();
    for (const e of newest) cli.out(JSON.stringify(e));
    if (!input.follow) return;

    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    cli.signal?.addEventListener('abort', onSignal, { once: true });
    if (cli.signal?.aborted) onSignal();
    // Older events than those printed were left out by --limit: they stay out.
    const floor = newest.at(-1)?.at ?? input.since ?? services.now().toISOString();
    let latest = floor;
    const seen = new Map(newest.map((e) => [e.id, e.at]));
    try {
      while (!stop.signal.aborted) {
        await sleep(POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
        if (stop.signal.aborted) break;
        const from = new Date(Math.max(Date.parse(floor), Date.parse(latest) - LOOKBACK_MS));
        for await (const e of eventsSince(services, filters, from)) {
          if (seen.has(e.id)) continue;
          seen.set(e.id, e.at);
          if (e.at > latest) latest = e.at;
          cli.out(JSON.stringify(e));
        }
        for (const [id, at] of seen) if (Date.parse(at) < from.getTime()) seen.delete(id);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
