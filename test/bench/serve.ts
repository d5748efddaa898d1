// A server for `npm run bench`, in a process of its own so that the load generator's work is not
// counted against its event loop. `mfa`: the real server (SQLite, or the store, key file and
// issuer given as JSON in the next argument); `bare`: an Express 5 JSON POST.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { ConfigInput } from '../../server/config.js';
import { startTestServer } from '../support/server.js';

const send = (message: unknown) => process.send?.(message);

/** `seed` adds users bench<from>…; `passwordHash` replaces the server's own hash (a cheaper one). */
type Message = { type: 'seed'; from: number; users: number; password: string; secret: string; passwordHash?: string } | { type: 'rss' };

if (process.argv[2] === 'bare') {
  const app = express();
  app.use(express.json({ limit: '16kb' }));
  app.post('/echo', (req, res) => {
    res.status(201).json({ ok: true, got: req.body?.clientId ?? null });
  });
  const listener = app.listen(0, '127.0.0.1', () => send({ url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}` }));
  process.on('disconnect', () => process.exit(0));
} else {
  const overrides = JSON.parse(process.argv[3] ?? '{}') as ConfigInput;
  const server = await startTestServer({
    logLevel: 'silent',
    password: { perUsernameAndIpLimit: 1_000_000, slowDown: { afterFailures: 1_000_000 } },
    flow: { startsPerMinutePerIp: 1_000_000 },
    clients: [{ clientId: 'bench', name: 'Bench', sequence: [['password'], ['totp']] }],
    ...overrides,
  });
  const { store, keyring, passwords } = server.services;
  process.on('message', async (message: Message) => {
    if (message.type === 'rss') return send({ rss: process.memoryUsage.rss() });
    // Every login needs a user of its own, so that each TOTP time step is new.
    const passwordHash = message.passwordHash ?? (await passwords.hash(message.password));
    const now = new Date();
    for (let i = message.from; i < message.from + message.users; i++) {
      const user = await store.createUser({ username: `bench${i}`, displayName: `bench${i}`, passwordHash }, now);
      await store.setTotp(
        { userId: user.id, sealedSecret: keyring.seal(message.secret, `totp-seed:${user.id}`), algorithm: 'sha1', digits: 6, period: 30 },
        now,
      );
    }
    send({ users: message.users });
  });
  process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
  send({ url: server.url, pid: process.pid });
}
