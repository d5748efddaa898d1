import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from '../../../server/http/fixed-headers.js';

/** The headers of a GET answered after `middleware`, but the ones that change with each answer. */
async function headersAfter(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const headers = Object.fromEntries(answer.headers);
    delete headers.date;
    return headers;
  } finally {
    server.close();
  }
}

describe('fixedHeaders', () => {
  it.each([
    ['an http issuer', { strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }],
    ['an https issuer', {}],
  ] as const)("answers with exactly Helmet's headers, for %s", async (_, options) => {
    const helmetOwn = await headersAfter(helmet(options));
    expect(helmetOwn['content-security-policy']).toContain("default-src 'self'");
    expect(helmetOwn).not.toHaveProperty('x-powered-by');
    expect(await headersAfter(fixedHeaders(helmet(options)))).toEqual(helmetOwn);
  });

  it('refuses a middleware that does not end at once (its headers could depend on the request)', () => {
    const later: RequestHandler = (_req, _res, next) => void setTimeout(next, 0);
    expect(() => fixedHeaders(later)).toThrow(/did not end at once/);
  });
});
