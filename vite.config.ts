import { readdirSync } from 'node:fs';
import { defineConfig, type ProxyOptions } from 'vite';
import { sizeBudget } from './build/size-budget.js';
import { squeezeTemplates } from './build/squeeze-templates.js';

/**
 * Where the server runs for `npx vite`: MFA_LOGIN_URL when it is elsewhere, else this machine on
 * PORT (or 3000), as `npm start` runs it.
 */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MFA_LOGIN_URL) return new URL(env.MFA_LOGIN_URL).origin;
  return `http://127.0.0.1:${env.PORT || 3000}`;
}

/**
 * The server only takes flow calls from its clients' origins, and the demo client's is the
 * server's own; through this development proxy the page's calls come from the server's origin.
 */
function toServer(target: string): ProxyOptions {
  return {
    target,
    configure: (proxy) => {
      proxy.on('proxyReq', (request) => {
        if (request.getHeader('origin')) request.setHeader('origin', target);
      });
    },
  };
}

/**
 * The drop-in scripts, one build each (`--mode widget`, then `--mode widget-settings`): every one
 * is a single ES module with Lit and English inside. Each other language is a module of its own
 * in `i18n/` beside them, imported on first use relative to the script's URL; it imports nothing,
 * so both builds write the same file under the same unhashed name, and no cached entry can ask
 * for a chunk a newer build renamed.
 */
const dropIns: Record<string, string> = { widget: 'mfa-login', 'widget-settings': 'mfa-login-settings' };

/**
 * Each method screen loaded on demand (`widget/screens/methods/<name>.ts`) is an entry of its own
 * at the same path beside the script, where method-screens.ts imports it from; it shares no code
 * with the script (Lit comes in with the call), so both builds write the same file.
 */
const methodScreens = () =>
  Object.fromEntries(
    readdirSync('widget/screens/methods')
      .filter((file) => file.endsWith('.ts'))
      .map((file) => [`screens/methods/${file.slice(0, -3)}`, `widget/screens/methods/${file}`]),
  );

export default defineConfig(({ mode }) =>
  dropIns[mode]
    ? {
        publicDir: false,
        plugins: [squeezeTemplates(), sizeBudget()],
        build: {
          outDir: 'dist/widget',
          // The first drop-in build clears the folder; the next one adds its file beside it.
          emptyOutDir: mode === 'widget',
          // Terser, as Lit's production guide has it, besides Rolldown's own minifier (below): the two
          // together leave the settings script ~180 bytes gzip smaller and the login's ~90.
          minify: 'terser',
          terserOptions: { module: true, ecma: 2020, compress: { passes: 2 } },
          sourcemap: true,
          target: 'es2022',
          // Vite keeps an ES library readable by default; this file is served as is, so squeeze it.
          rolldownOptions: { output: { minify: { codegen: true }, comments: { annotation: false }, chunkFileNames: 'i18n/[name].js' } },
          lib: {
            entry: { [dropIns[mode]]: `widget/${dropIns[mode]}.ts`, ...methodScreens() },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
        },
      }
    : {
        root: 'demo',
        publicDir: false,
        build: {
          outDir: '../dist/demo',
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
        },
        server: {
          proxy: Object.fromEntries(['/api', '/.well-known', '/oauth2'].map((prefix) => [prefix, toServer(serverUrl())])),
        },
      },
);
