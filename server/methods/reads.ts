import type { MethodContext } from './types.js';

/**
 * A credential read shared within one request (its option checks and its action): the same row
 * read once, not once each. `forgetReads` drops them once an action has run, since it may have
 * written them; what is read after that, the state it answers included, is read again.
 */
export function readOnce<T>(ctx: MethodContext, key: string, load: () => Promise<T>): Promise<T> {
  ctx.reads ??= new Map();
  let read = ctx.reads.get(key) as Promise<T> | undefined;
  if (!read) {
    read = load();
    ctx.reads.set(key, read);
    // A failed read is not remembered: the next asker tries again.
    read.catch(() => ctx.reads?.delete(key));
  }
  return read;
}

export function forgetReads(ctx: MethodContext): void {
  ctx.reads?.clear();
}
