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

export default defineConfig(({ mode }) =>
  mode === 'widget'
    ? {
        // The drop-in script: one ES module with Lit inside, so a page needs nothing else.
        publicDir: false,
        build: {
          outDir: 'dist/widget',
          emptyOutDir: true,
          minify: true,
          sourcemap: true,
          target: 'es2022',
          // Vite keeps an ES library readable by default; this file is served as is, so squeeze it.
          rolldownOptions: { output: { minify: { codegen: true } } },
          // Two drop-in entries; what they share (Lit, styles, screens) lands in one chunk beside them.
          lib: {
            entry: { 'mfa-login': 'widget/mfa-login.ts', 'mfa-login-settings': 'widget/mfa-login-settings.ts' },
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
          proxy: {
            '/api': toServer,
            '/.well-known': toServer,
            '/oauth2': toServer,
          },
        },
      },
);
