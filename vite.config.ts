import { defineConfig, type ProxyOptions } from 'vite';

/** Where `npm start` runs the server; `npx vite` serves the demo and forwards the API to it. */
const SERVER = 'http://127.0.0.1:3000';

/**
 * The server only takes flow calls from its clients' origins, and the demo client's is the
 * server's own; through this development proxy the page's calls come from the server's origin.
 */
const toServer: ProxyOptions = {
  target: SERVER,
  configure: (proxy) => {
    proxy.on('proxyReq', (request) => {
      if (request.getHeader('origin')) request.setHeader('origin', SERVER);
    });
  },
};

/**
 * The drop-in scripts, one build each (`--mode widget`, then `--mode widget-settings`): every one
 * is a single ES module with Lit inside, so a page, a vendored copy or an SRI pin needs that file
 * alone, and no cached entry can ask for a chunk a newer build renamed.
 */
const dropIns: Record<string, string> = { widget: 'mfa-login', 'widget-settings': 'mfa-login-settings' };

export default defineConfig(({ mode }) =>
  dropIns[mode]
    ? {
        publicDir: false,
        build: {
          outDir: 'dist/widget',
          // The first drop-in build clears the folder; the next one adds its file beside it.
          emptyOutDir: mode === 'widget',
          minify: true,
          sourcemap: true,
          target: 'es2022',
          // Vite keeps an ES library readable by default; this file is served as is, so squeeze it.
          rolldownOptions: { output: { minify: { codegen: true } } },
          lib: {
            entry: `widget/${dropIns[mode]}.ts`,
            formats: ['es'],
            fileName: () => `${dropIns[mode]}.js`,
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
          proxy: {
            '/api': toServer,
            '/.well-known': toServer,
            '/oauth2': toServer,
          },
        },
      },
);
