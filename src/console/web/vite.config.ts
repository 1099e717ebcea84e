import { defineConfig } from 'vite';

// Built by `npm run build` into dist/console, which the server serves at /console.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  build: {
    outDir: '../../../dist/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline assets: the console runs under Content-Security-Policy default-src 'self'.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
