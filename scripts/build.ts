/**
 * `npm run build:server`: compiles the service, the bot, the launcher and the backup tools to plain
 * JavaScript in `dist/`, so production runs them with `node` alone on an `npm ci --omit=dev` install.
 * Each entry is bundled with our own code only: every package stays an import from node_modules (native
 * better-sqlite3, pino's worker transports and the Bot Framework's lazy requires work as installed).
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { SERVER_ENTRIES } from './buildEntries';

const started = Date.now();
rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: SERVER_ENTRIES,
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  // engines: Node 20.19; the same output runs on 22 and 24.
  target: 'node20.19',
  sourcemap: 'linked',
  // Shared modules (contract, client) go into chunks instead of being copied into each entry.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(
  `dist/: ${Object.keys(SERVER_ENTRIES).length} entries, ${(bytes / 1024).toFixed(0)} KiB, ${Date.now() - started} ms`,
);
