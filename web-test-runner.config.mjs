import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Fail, never skip: a browser suite that silently does not run looks like a green one.
if (!existsSync(executablePath)) {
  throw new Error(`Chromium not found at ${executablePath}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  // puppeteer-core gives each launch a fresh temporary --user-data-dir and removes it afterwards.
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  testsFinishTimeout: 120_000,
};
