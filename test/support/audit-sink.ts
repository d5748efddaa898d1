import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  signature: string | undefined;
  contentType: string | undefined;
}

export interface SinkListener {
  url: string;
  /** Every POST body as received, with its signature header. */
  received: Received[];
  /** Requests that came in but were not answered yet. */
  open(): number;
  /** The most requests ever open at one moment. */
  maxOpen(): number;
  close(): Promise<void>;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/**
 * A real HTTP listener on 127.0.0.1 standing in for a SIEM. `answer` picks each request's status
 * by its number (0, 1, …); null never answers (a dead receiver).
 */
export async function sinkListener(answer: (n: number) => number | null = () => 200): Promise<SinkListener> {
  const received: Received[] = [];
  let open = 0;
  let maxOpen = 0;
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => {
      open -= 1;
    });
    const status = answer(n++);
    received.push({
      body: await bodyOf(req),
      signature: req.headers['x-mfa-login-signature'] as string | undefined,
      contentType: req.headers['content-type'],
    });
    if (status !== null) res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    received,
    open: () => open,
    maxOpen: () => maxOpen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
