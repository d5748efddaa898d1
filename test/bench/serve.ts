// A server for `npm run bench`, in a process of its own so that the load generator's work is not
// counted against its event loop. `mfa`: the real server on SQLite; `bare`: an Express 5 JSON POST.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startTestServer } from '../support/server.js';

const send = (message: unknown) => process.send?.(message);

if (process.argv[2] === 'bare') {
  const app = express();
  app.use(express.json({ limit: '16kb' }));
  app.post('/echo', (req, res) => {
    res.status(201).json({ ok: true, got: req.body?.clientId ?? null });
  });
  const listener = app.listen(0, '127.0.0.1', () => send({ url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}` }));
  process.on('disconnect', () => process.exit(0));
} else {
  const server = await startTestServer({
    logLevel: 'silent',
    password: { perUsernameAndIpLimit: 1_000_000, slowDown: { afterFailures: 1_000_000 } },
    flow: { startsPerMinutePerIp: 1_000_000 },
    clients: [{ clientId: 'bench', name: 'Bench', sequence: [['password'], ['totp']] }],
  });
  const { store, keyring, passwords } = server.services;
  process.on('message', async (message: { users: number; password: string; secret: string }) => {
    // Every login needs a user of its own, so that each TOTP time step is new.
    const passwordHash = await passwords.hash(message.password);
    const now = new Date();
    for (let i = 0; i < message.users; i++) {
      const user = await store.createUser({ username: `bench${i}`, displayName: `bench${i}`, passwordHash }, now);
      await store.setTotp(
        { userId: user.id, sealedSecret: keyring.seal(message.secret, `totp-seed:${user.id}`), algorithm: 'sha1', digits: 6, period: 30 },
        now,
      );
    }
    send({ users: message.users });
  });
  process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
  send({ url: server.url });
}
