import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<{ requestId: string }>();

/** Runs a request's handling with its id visible to everything it calls, however deep. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

/** The id of the request being handled; undefined outside one (start-up, the sweep timer, the CLI). */
export const currentRequestId = (): string | undefined => context.getStore()?.requestId;
