import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli.js';
import { JWKS_MAX_AGE_SECONDS, KEY_CACHE_MS } from '../../../server/tokens/keys.js';
import { startTestServer, type TestServer } from '../../support/server.js';

/** `keys rotate` against the running server's own store and key, as an operator runs it beside it. */
async function rotate(server: TestServer, ...flags: string[]): Promise<{ code: number; out: string }> {
  const config = path.join(server.dir, 'cli.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      store: { type: 'sqlite', path: path.join(server.dir, 'test.db') },
      keyFile: path.join(server.dir, 'test.key'),
      logLevel: 'warn',
    }),
  );
  const out: string[] = [];
  const code = await runCli(['-c', config, 'keys', 'rotate', ...flags], {}, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out: out.join('\n') };
}

const jwksKids = async (server: TestServer) => ((await server.get('/.well-known/jwks.json')).body.keys as { kid: string }[]).map((k) => k.kid);

describe('keys rotate beside a running server', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ logLevel: 'warn' });
  });
  afterEach(() => server.stop());

  it('says within how long running servers publish the new key, and a running server does within that time', async () => {
    const [oldKid] = await jwksKids(server);
    const { code, out } = await rotate(server, '--json');
    expect(code).toBe(0);
    const { kid, publishedWithinSeconds, cachedWithinSeconds } = JSON.parse(out);
    expect(publishedWithinSeconds).toBe(KEY_CACHE_MS / 1000);
    expect(cachedWithinSeconds).toBe(publishedWithinSeconds + JWKS_MAX_AGE_SECONDS);

    // Not at once: the server answers from the keys it read before the rotation.
    expect(await jwksKids(server)).toEqual([oldKid]);
    server.advance(publishedWithinSeconds);
    expect(await jwksKids(server)).toEqual([kid, oldKid]);
    // And a relying party's cached copy is no older than the stated rest of the time.
    expect((await server.get('/.well-known/jwks.json')).headers.get('cache-control')).toBe(
      `public, max-age=${cachedWithinSeconds - publishedWithinSeconds}`,
    );
  });

  it('says it in words, and the README and --help say the same', async () => {
    const { out } = await rotate(server);
    const seconds = KEY_CACHE_MS / 1000;
    expect(out).toContain(`Running servers add it to their JWKS within ${seconds} s`);
    expect(out).not.toMatch(/at once/);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`in running servers' JWKS within ${seconds} s`);
    expect(readme).not.toMatch(/published at once/);
    const help: string[] = [];
    await runCli(['keys', 'rotate', '--help'], {}, { out: (l) => help.push(l), err: (l) => help.push(l) });
    expect(help.join('\n')).toContain(`in running servers' JWKS within ${seconds} s`);
  });
});
