// The load generator's HTTP client: node:http on kept-alive sockets. It shares the machine with
// the server it measures, so each request must cost it little: fetch (undici) took ~0.9 ms of
// CPU a request here against ~0.3 ms for this, CPU the server's hashes then did not get.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

type Answer = { status: number; body: any };

function send(url: string, method: 'GET' | 'POST', payload?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        try {
          resolve({ status: res.statusCode!, body: text === '' ? null : JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export const post = (url: string, body: unknown): Promise<Answer> => send(url, 'POST', JSON.stringify(body));
export const get = (url: string): Promise<Answer> => send(url, 'GET');
