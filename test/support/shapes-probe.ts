// Run with --allow-natives-syntax: a server answers the same requests over and over, and this
// prints how many of them reached their end with the same V8 shape (map) as the one before.
// `host`: the router mounted in an app of an integrator's, listening through the exported helper.
import http from 'node:http';
import pino from 'pino';
import { withSameShapes } from '../../server/index.js';
import { startHostApp } from './host-app.js';
import { startTestServer } from './server.js';

const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const seen = { requests: 0, sameRequest: 0, sameAnswer: 0 };
let before: { req: object; res: object } | null = null;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (req.url?.endsWith('/api/v1/flows'))
      res.once('finish', () => {
        seen.requests++;
        if (before && sameMap(req, before.req)) seen.sameRequest++;
        if (before && sameMap(res, before.res)) seen.sameAnswer++;
        before = { req, res };
      });
  }
  return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
} as typeof emit;

const post = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"clientId":"demo"}' }).then((r) => r.text());
const server =
  process.argv[2] === 'host'
    ? await startHostApp('/login', pino({ level: 'silent' }), { demo: true }, (app) => http.createServer(withSameShapes(app))).then((host) => ({
        url: `${host.url}/login`,
        stop: host.stop,
      }))
    : await startTestServer();
for (let i = 0; i < 20; i++) await post(`${server.url}/api/v1/flows`);
await server.stop();
process.stdout.write(JSON.stringify(seen));
