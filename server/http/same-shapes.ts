import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What Express, its router and body parsing add to every request once its prototype is set. */
const REQUEST_KEYS = ['res', 'next', 'baseUrl', 'originalUrl', '_parsedUrl', '_parsedOriginalUrl', 'params', 'body', 'route'];
/** Read from the prototype (0, 200, undefined) until the first listener or status is set. */
const REQUEST_INHERITED = ['_eventsCount'];
const ANSWER_INHERITED = ['statusCode', 'statusMessage'];
/** The router marks the route a request matched with a symbol of its own: found by its name on a first request. */
const MATCHED_ROUTE = 'router.tracing.matchedRoute';

/**
 * Express gives every request and answer its app's prototype, and V8 (Node 20) then gives the
 * object a shape (map) of its own for each property added after: every request reached the router,
 * body parsing, Node's streams and our code with shapes never seen before, so each property read
 * there missed V8's inline caches (measured: more than half a bare Express POST's event-loop
 * time, ~10 % of a TOTP sign-in's). Here those properties exist before the prototype changes,
 * each holding what it read as until then, so every request keeps the one shape.
 */
export function withSameShapes(handle: Handler): Handler {
  let matchedRoute: symbol | undefined;
  return (req, res) => {
    const request = req as unknown as Record<PropertyKey, unknown>;
    for (const key of REQUEST_KEYS) request[key] = undefined;
    if (matchedRoute) request[matchedRoute] = undefined;
    else
      res.once('finish', () => {
        matchedRoute ??= Object.getOwnPropertySymbols(req).find((s) => s.description === MATCHED_ROUTE);
      });
    ownFromStart(request, REQUEST_INHERITED);
    const answer = res as unknown as Record<string, unknown>;
    answer.locals = undefined;
    ownFromStart(answer, ANSWER_INHERITED);
    handle(req, res);
  };
}

/** Each key an own property from the start, with the value it reads as now. */
function ownFromStart(target: Record<PropertyKey, unknown>, keys: string[]): void {
  for (const key of keys) {
    // biome-ignore lint/correctness/noSelfAssign: not a no-op: the prototype's value becomes the object's own.
    target[key] = target[key];
  }
}
