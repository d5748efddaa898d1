import path from 'node:path';
import type { ConfigInput } from '../../server/config.js';

/**
 * What a local server under test starts with: this port and its own URL as issuer, a SQLite file
 * and key in `dir`, the demo page and the dev outbox. Shared by the test server and the bench's,
 * which starts the build instead of the sources.
 */
export const localServerConfig = (dir: string, port: number): ConfigInput => ({
  port,
  issuer: `http://127.0.0.1:${port}`,
  store: { type: 'sqlite', path: path.join(dir, 'test.db') },
  keyFile: path.join(dir, 'test.key'),
  devOutbox: true,
  demo: true,
});
