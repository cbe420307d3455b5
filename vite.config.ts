import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server injects an inline React Refresh script that the strict CSP would block. Drop the CSP
 * meta tag in dev only; built pages keep it (and the core also sends it as a header).
 */
const devOnlyRelaxCsp = (): Plugin => ({
  name: 'showsite-dev-relax-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, ''),
});

// The renderer is built to dist/renderer and served by the core (serve) or loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devOnlyRelaxCsp()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:8787',
      '/ws': { target: 'ws://127.0.0.1:8787', ws: true },
    },
  },
});
