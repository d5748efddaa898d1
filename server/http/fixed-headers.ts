import type { RequestHandler } from 'express';

/**
 * A middleware whose headers never depend on the request (Helmet's, with no per-request
 * directive), worked out once and set in one loop: Helmet runs a dozen middlewares on every
 * answer, each with its own `next`, to set the same headers each time.
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const set: [string, string | string[]][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | string[]) => set.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let called = false;
  middleware({} as never, recorder as never, () => {
    called = true;
  });
  if (!called) throw new Error('fixedHeaders: the middleware did not end at once');
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
