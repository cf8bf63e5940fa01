import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { TAB_ROUTES } from '../shared/contract/tabRoutes';
import { precompress } from './precompress';
import { routePreload } from './routePreload';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The service `npm run dev` starts; the dev server forwards API, notes and health calls to it. */
const serviceUrl = process.env.STOA_SERVICE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: tabRoot,
  // One `.env` at the repo root for every deployable; only VITE_* values ever reach the browser.
  envDir: repoRoot,
  plugins: [
    react(),
    // The notes of a session (`?sessionId=`, not the dashboard) are the page people open most, from a
    // channel tab or a meeting's side panel: their chunks are fetched with the entry's.
    routePreload([
      {
        module: 'src/rounds/SessionPage.tsx',
        when: `q.get('sessionId') && q.get('view') !== 'dashboard' && ${JSON.stringify([
          TAB_ROUTES.channel,
          TAB_ROUTES.sidePanel,
        ])}.indexOf(p) >= 0`,
      },
    ]),
    // Brotli and gzip copies of every text asset, served as they are by the service.
    precompress(),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Named vendor chunks so the bundle report (and the tab-load benchmark) reads at a glance;
        // each group is only ever loaded where its modules are needed. No group for shared/contract and
        // zod: one such chunk would carry every view's schemas into the first screen.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'teams-js', test: /[\\/]node_modules[\\/]@microsoft[\\/]teams-js[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The tab imports shared/contract and shared/client from outside its root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: serviceUrl, changeOrigin: false },
      '/collab': { target: serviceUrl, ws: true },
      '/healthz': { target: serviceUrl },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
