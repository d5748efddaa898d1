import { createRequire } from 'node:module';
import type jsQRType from 'jsqr';
import type { TestServer } from './server.js';

/** jsqr is CommonJS: its module is the function itself. */
const jsQR = createRequire(import.meta.url)('jsqr') as typeof jsQRType.default;

export interface AdminAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** One call of the admin API with a bearer token (or none), a JSON body and extra headers. */
export async function adminCall(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<AdminAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(server.url + path, {
    method: method.toUpperCase(),
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text is the body
  }
  return { status: res.status, body, headers: res.headers };
}

/** An access token from the client_credentials grant, the client authenticated with HTTP Basic. */
export async function clientCredentialsToken(server: TestServer, clientId: string, secret: string, scope?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) });
  const res = await fetch(`${server.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * Rasterises a QR code's SVG as the qrcode package draws it (one path of horizontal strokes,
 * `M x y` / `m dx dy` / `h n`, one module wide, in a `viewBox` of modules) and decodes the
 * pixels with jsQR. Anything else in the path fails loudly rather than decoding nothing.
 */
export function decodeQrSvg(svg: string, scale = 6): string {
  const size = Number(/viewBox="0 0 (\d+) (\d+)"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1] ?? /<path[^>]*d="([^"]+)"[^>]*stroke=/.exec(svg)?.[1];
  if (!size || !d) throw new Error('not a QR code SVG this decoder reads');
  const dark = new Uint8Array(size * size);
  let x = 0;
  let y = 0;
  for (const [, op, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (op === 'M') [x, y] = [n[0]!, n[1]!];
    else if (op === 'm') [x, y] = [x + n[0]!, y + n[1]!];
    else if (op === 'h') {
      const row = Math.floor(y);
      for (let i = 0; i < n[0]!; i++) dark[row * size + x + i] = 1;
      x += n[0]!;
    } else throw new Error(`unexpected path command ${op}`);
  }
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++)
    for (let px = 0; px < width; px++) {
      if (!dark[Math.floor(py / scale) * size + Math.floor(px / scale)]) continue;
      const at = (py * width + px) * 4;
      pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
    }
  const code = jsQR(pixels, width, width);
  if (!code) throw new Error('no QR code found in the image');
  return code.data;
}
