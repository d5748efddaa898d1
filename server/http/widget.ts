import express, { Router } from 'express';
import path from 'node:path';
import { packageRoot } from '../paths.js';

/**
 * The drop-in scripts (`/widget/mfa-login.js`, `/widget/mfa-login-settings.js`), served by the
 * mounted router and the complete server alike, so an embedding page works with either.
 */
export function widgetRoutes(root = packageRoot()): Router {
  const router = Router();
  // Loaded cross-origin by integrators' pages.
  router.use((_req, res, next) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    next();
  });
  // Revalidated on every load (ETag): the file names carry no hash, so a cached copy must not outlive a new build.
  router.use(express.static(path.join(root, 'dist', 'widget'), { cacheControl: false, setHeaders: (res) => res.set('Cache-Control', 'no-cache') }));
  return router;
}
