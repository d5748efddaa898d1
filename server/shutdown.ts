import type { Server, ServerResponse } from 'node:http';

export interface Drain {
  /**
   * Stops accepting connections, lets the requests in flight finish (each told `Connection:
   * close`) and closes idle keep-alive connections at once; after `graceMs` cuts what is left.
   * Answers how many requests were cut.
   */
  close(graceMs: number): Promise<{ cut: number }>;
}

/** Tracks `server`'s requests from now on, so a later `close` knows what is still in flight. */
export function drainOnClose(server: Server): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  // Before the app's own listener, so the header is set before a handler can answer.
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      // An answer whose headers left before the drain began kept its connection open: close it now it is idle.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    async close(graceMs) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        closed.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
      ]);
      clearTimeout(timer);
      const cut = late ? inFlight.size : 0;
      if (late) {
        server.closeAllConnections();
        await closed;
      }
      return { cut };
    },
  };
}
