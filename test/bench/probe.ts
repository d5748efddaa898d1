// Asks `url` every 20 ms for `seconds`, one request at a time, from a process of its own; prints
// the latencies (ms) as JSON. What a person's cheap request waits while the server is loaded.
// With a JSON body as the third argument it POSTs that body and wants a 201 (a flow start);
// without, it GETs and wants a 200 (the JWKS).
// Loaded, it says `ready` and waits for `go`: its start-up (Node, tsx) is not part of what it measures.
import { get, post } from './client.js';

const [url, seconds, body] = [process.argv[2]!, Number(process.argv[3]), process.argv[4]];
const ask = body === undefined ? () => get(url) : () => post(url, JSON.parse(body));
const wanted = body === undefined ? 200 : 201;
await new Promise<void>((resolve) => {
  process.once('message', () => resolve());
  process.send!('ready');
});
process.disconnect();
const latencies: number[] = [];
const end = Date.now() + seconds * 1000;
for (let next = Date.now(); Date.now() < end; ) {
  const t0 = performance.now();
  const res = await ask();
  if (res.status !== wanted) throw new Error(`probe: ${res.status}`);
  latencies.push(performance.now() - t0);
  next += 20;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
}
process.stdout.write(JSON.stringify(latencies));
