import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config.js';
import { startTestServer } from '../../support/server.js';

describe('the master key at start-up', () => {
  it('refuses to start on a store sealed with another master key, naming the key', async () => {
    const first = await startTestServer({}, { env: { MFA_LOGIN_KEY: randomBytes(32).toString('hex') } });
    const dir = first.dir;
    await first.close();
    try {
      const reuse = { store: { type: 'sqlite' as const, path: path.join(dir, 'test.db') }, keyFile: path.join(dir, 'test.key') };
      const started = startTestServer(reuse, { env: { MFA_LOGIN_KEY: randomBytes(32).toString('hex') } });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(/master key does not open the signing keys[\s\S]*MFA_LOGIN_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts again with the same master key and signs with the same key', async () => {
    const key = randomBytes(32).toString('base64');
    const first = await startTestServer({}, { env: { MFA_LOGIN_KEY: key } });
    const dir = first.dir;
    const { keys } = (await first.get('/.well-known/jwks.json')).body;
    await first.close();
    const again = await startTestServer(
      { store: { type: 'sqlite', path: path.join(dir, 'test.db') }, keyFile: path.join(dir, 'test.key') },
      { env: { MFA_LOGIN_KEY: key } },
    );
    try {
      expect((await again.get('/.well-known/jwks.json')).body.keys).toEqual(keys);
    } finally {
      await again.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
