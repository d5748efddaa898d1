import cors from 'cors';
import type { RequestHandler } from 'express';
import type { ClientStore } from '../store/ports/clients.js';

const CACHE_MS = 10_000;

/**
 * Answers CORS for origins some client lists; which client an origin may use is checked per
 * request by the flow service, since a preflight carries no body to name the client.
 */
export function clientCors(store: Pick<ClientStore, 'listClients'>, now: () => Date): RequestHandler {
  let cache: { origins: Set<string>; at: number } | null = null;
  async function knownOrigins(): Promise<Set<string>> {
    const t = now().getTime();
    if (cache && t - cache.at < CACHE_MS) return cache.origins;
    const clients = await store.listClients();
    cache = { origins: new Set(clients.flatMap((c) => c.allowedOrigins)), at: t };
    return cache.origins;
  }
  return cors({
    origin(origin, callback) {
      if (!origin) return callback(null, false);
      knownOrigins().then(
        (origins) => callback(null, origins.has(origin)),
        (err: Error) => callback(err),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'DPoP'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
}
