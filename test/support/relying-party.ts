import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a relying party's web server: it answers every path with a short page, so the
 * browser has somewhere to land after a redirect. The tests read the landing URL, as an RP would.
 */
export async function startLandingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    // The RP's own stylesheet for the hosted page (the client's `cssUri`).
    if (req.url === '/login-theme.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end('mfa-login { --mfa-login-accent: rgb(1, 128, 2); }');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>RP</title><p>landed</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
