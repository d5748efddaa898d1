import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clientRecord } from './clients.js';
import { privateDir } from './private-files.js';
import type { Services } from './services.js';
import type { ClientStore } from './store/ports/clients.js';
import type { UserStore } from './store/ports/users.js';

export interface DemoCredentials {
  username: string;
  password: string;
}

const WORDS = [
  'amber',
  'birch',
  'cedar',
  'delta',
  'ember',
  'fjord',
  'grove',
  'harbor',
  'iris',
  'juniper',
  'kelp',
  'lagoon',
  'maple',
  'nova',
  'orchid',
  'pebble',
];

function readablePassword(): string {
  const w = () => WORDS[randomInt(WORDS.length)];
  return `${w()}-${w()}-${w()}-${randomInt(10, 100)}`;
}

type DemoDeps = Pick<Services, 'config' | 'keyring' | 'passwords' | 'now'> & { store: ClientStore & UserStore };

/** Where the demo password is kept, beside the key file, so it is printed again on every start. */
const credentialsFile = (services: DemoDeps) => path.join(path.dirname(path.resolve(services.config.keyFile)), 'demo-credentials.json');

/**
 * The demo fixtures: client `demo` for this server's own origin and user alice with a phone and
 * an address but no TOTP, so the first login enrols.
 */
export async function seedDemo(services: DemoDeps): Promise<DemoCredentials> {
  const { store, config, keyring, passwords } = services;
  const now = services.now();
  const port = new URL(config.issuer).port || '80';
  const origins = [new URL(config.issuer).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
  // Every start adds this run's origins, so the demo keeps working on a new port or host.
  const existing = await store.getClient('demo');
  await store.upsertClient(
    {
      ...(existing ??
        clientRecord(
          {
            clientId: 'demo',
            name: 'mfa-login demo',
            allowedOrigins: [],
            sequence: [['password'], ['totp', 'sms', 'backup_code', 'email']],
            acrSequences: { pwd: [['password']] },
            defaultAcr: 'mfa',
            allowPhoneEnrollment: true,
            allowTotpEnrollment: true,
            trustDevice: { enabled: true, days: 30 },
          },
          keyring,
        )),
      allowedOrigins: [...new Set([...(existing?.allowedOrigins ?? []), ...origins])],
    },
    now,
  );

  const file = credentialsFile(services);
  const user = await store.findUserByUsername('alice');
  if (user && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  const creds = { username: 'alice', password: readablePassword() };
  const passwordHash = await passwords.hash(creds.password);
  if (user) await store.updateUser(user.id, { passwordHash }, now);
  else
    await store.createUser({ username: 'alice', displayName: 'Alice Liddell', passwordHash, phone: '+12015550123', email: 'alice@example.com' }, now);
  privateDir(path.dirname(file));
  writeFileSync(file, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  return creds;
}
