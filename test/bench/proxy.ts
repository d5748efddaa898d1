// One address in front of several server instances for `npm run bench`: each new TCP connection
// goes to the next instance in turn, as a plain round-robin load balancer does. Loopback only.
import net from 'node:net';

const [port, ...targets] = process.argv.slice(2).map(Number) as [number, ...number[]];
let turn = 0;
const server = net.createServer((client) => {
  const upstream = net.connect(targets[turn++ % targets.length]!, '127.0.0.1');
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
});
server.listen(port, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${port}` }));
process.on('disconnect', () => process.exit(0));
