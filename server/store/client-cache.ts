import type { ClientRecord } from './ports/clients.js';
import type { Store } from './types.js';

/** How long a login step's client read stays fresh: a change made through another instance (or the CLI) applies to logins within this. */
export const CLIENT_CACHE_MS = 1_000;
/** Known clients are few; a flood of made-up ids is never cached (null answers are not kept), this only caps the map. */
const MAX_CLIENTS = 1_000;

/** Every caller shares a kept client: none may change it for the others. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Client reads for the login steps, kept for {@link CLIENT_CACHE_MS}: every step of every login
 * reads its client (on Postgres a round trip each), and clients change rarely. Answers the store
 * to use from now on, whose client writes forget every kept client at once (so this instance never
 * logs in with an old one), and the cached read. Checking a client's secret and the admin API read
 * the store itself: a rotated secret stops working at once, on every instance.
 */
export function cachedClients(store: Store, clock: () => number = () => performance.now()) {
  const kept = new Map<string, { client: ClientRecord; at: number }>();
  /** Bumped by every write: a read that overlapped one keeps nothing, since it may hold the row from before. */
  let writes = 0;
  const forgetting =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      writes++;
      kept.clear();
      try {
        return await write(...args);
      } finally {
        writes++;
        kept.clear();
      }
    };
  async function read(clientId: string): Promise<ClientRecord | null> {
    const hit = kept.get(clientId);
    if (hit && clock() - hit.at < CLIENT_CACHE_MS) return hit.client;
    const [at, before] = [clock(), writes];
    const client = await store.getClient(clientId);
    if (!client) kept.delete(clientId);
    else if (writes === before) {
      if (kept.size >= MAX_CLIENTS) kept.clear();
      kept.set(clientId, { client: frozen(client), at });
    }
    return client;
  }
  return {
    store: {
      ...store,
      upsertClient: forgetting(store.upsertClient.bind(store)),
      createClient: forgetting(store.createClient.bind(store)),
      replaceClientIfVersion: forgetting(store.replaceClientIfVersion.bind(store)),
      deleteClient: forgetting(store.deleteClient.bind(store)),
    } satisfies Store,
    read,
  };
}
