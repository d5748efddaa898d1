import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { packageRoot } from '../paths.js';

/** Serves the project's OpenAPI 3.1 file with this server as its `servers` entry. */
export function openapiRoutes(issuer: string): Router {
  const doc = JSON.parse(readFileSync(path.join(packageRoot(), 'openapi.json'), 'utf8')) as Record<string, unknown>;
  const body = JSON.stringify({ ...doc, servers: [{ url: issuer }] });
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').set('Cache-Control', 'public, max-age=300').send(body);
  });
  return router;
}
