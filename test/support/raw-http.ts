import net from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface OpenRequest {
  /** Resolves once the first part is written to the connection. */
  sent: Promise<void>;
  /** Resolves on the server's `100 Continue`: it has parsed the headers and holds the request. */
  continued: Promise<void>;
  /** Sends the rest of the request (what `open` held back). */
  finish(): void;
  /** The final answer; rejects when the connection ends without one. */
  answer: Promise<RawAnswer>;
}

const CONTINUE = /^HTTP\/1\.1 100 [^\r]*\r\n\r\n/;

/**
 * One HTTP/1.1 request on its own connection, sent in two parts: `head` at once and `rest` on
 * `finish()`. Between the two the server has the request in hand, so a test can do something
 * (shut down, say) while that request is certainly in flight.
 */
export function openRequest(url: string, head: string, rest: string): OpenRequest {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const sent = new Promise<void>((resolve) => socket.write(head, () => resolve()));
  let received = Buffer.alloc(0);
  let continued!: () => void;
  const continuedPromise = new Promise<void>((resolve) => (continued = resolve));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    const parse = (): RawAnswer | null => {
      let text = received.toString('latin1');
      if (CONTINUE.test(text)) {
        continued();
        received = received.subarray(Buffer.byteLength(CONTINUE.exec(text)![0], 'latin1'));
        text = received.toString('latin1');
      }
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? NaN);
      const body = received.subarray(end + 4);
      if (Number.isFinite(length) && body.length < length) return null;
      return { status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') };
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parse();
      if (parsed) resolve(parsed);
    });
    socket.on('error', reject);
    socket.on('close', () =>
      reject(new Error(`connection closed with ${received.length ? `a partial answer: ${received.toString('utf8')}` : 'no answer'}`)),
    );
  });
  answer.catch(() => undefined);
  return { sent, continued: continuedPromise, finish: () => void socket.write(rest), answer: answer.finally(() => socket.end()) };
}

/**
 * A JSON POST sent as far as its headers, with `Expect: 100-continue`: `continued` says the server
 * holds it; `finish()` sends the body.
 */
export function openJsonPost(url: string, path: string, body: unknown, headers: Record<string, string> = {}): OpenRequest {
  const json = JSON.stringify(body);
  const lines = [
    `POST ${path} HTTP/1.1`,
    `Host: ${new URL(url).host}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Expect: 100-continue',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return openRequest(url, `${lines.join('\r\n')}\r\n\r\n`, json);
}

/** A GET whose header block is not finished yet: `finish()` ends it. */
export function openGet(url: string, path: string): OpenRequest {
  return openRequest(url, `GET ${path} HTTP/1.1\r\nHost: ${new URL(url).host}\r\n`, '\r\n');
}

/** Whether a new connection to `url` is accepted. */
export function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
