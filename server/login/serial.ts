/**
 * Runs calls with the same key one after another. A double-clicked submit then meets the flow
 * as the first click left it, instead of both racing for the same version; across instances
 * the flow's version check still turns a race into `flow_conflict`.
 */
export function keyedSerial() {
  const tails = new Map<string, Promise<unknown>>();
  return async function serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(fn);
    const tail = current.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
