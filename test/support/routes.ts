import type { Express } from 'express';

/** What an Express 5 router keeps per `use`/`route` call (router 2.x layers). */
interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

const join = (prefix: string, path: string) => `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function walk(stack: Layer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    const path = layer.route ? layer.route.path : layer.rawPath;
    if (layer.route || layer.handle.stack) {
      // A RegExp or array path would escape this list silently; make it loud instead.
      if (typeof path !== 'string') throw new Error(`route path ${String(path)} is not a plain string`);
    }
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${join(prefix, path as string).replace(/:(\w+)/g, '{$1}')}`);
    }
    return layer.handle.stack ? walk(layer.handle.stack, join(prefix, path as string)) : [];
  });
}

/**
 * Every route the running app registers, as `METHOD /path` (OpenAPI `{param}` style), found by
 * walking the routers the app mounted: a route added anywhere shows up here.
 */
export function registeredRoutes(app: Express): string[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return [...new Set(walk(router.stack, '/'))].sort();
}
