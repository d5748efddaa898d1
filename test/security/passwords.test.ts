import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('passwords', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  const signIn = async (username: string, password: string) => {
    const { flow } = (await server.post('/api/v1/flows', { clientId: 'demo' })).body;
    return server.post('/api/v1/flows/password', { flow, username, password });
  };

  it('take 128 characters of any printable Unicode, spaces and emoji included, and check every one of them', async () => {
    server = await startTestServer();
    // 128 code points (more than 128 UTF-16 units and 72 bytes, where bcrypt would have stopped reading).
    const password = 'pässwörd  with spaces 🔐 パスワード '.repeat(5).slice(0, 200);
    const chars = [...password].slice(0, 128).join('');
    expect([...chars]).toHaveLength(128);
    const { store, passwords } = server.services;
    await store.createUser({ username: 'unicode', displayName: 'Unicode', passwordHash: await passwords.hash(chars) }, server.services.now());

    expect((await signIn('unicode', chars)).status).toBe(200);
    for (const wrong of [[...chars].slice(0, 127).join(''), [...chars].slice(0, 72).join('')]) {
      expect((await signIn('unicode', wrong)).body.error).toBe('invalid_credentials');
    }
  });
});
