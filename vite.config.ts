import { defineConfig } from 'vite';

/** Where `npm start` runs the server; `npx vite` serves the demo and forwards the API to it. */
const SERVER = 'http://127.0.0.1:3000';

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
          lib: {
            entry: 'widget/mfa-login.ts',
            formats: ['es'],
            fileName: () => 'mfa-login.js',
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
            '/api': SERVER,
            '/.well-known': SERVER,
            '/oauth2': SERVER,
          },
        },
      },
);
