/**
 * What `npm run build:server` compiles, and where it lands in `dist/`. The Dockerfile, compose.yaml and
 * the package scripts run these outputs (tests/ops/image.test.ts checks they agree).
 */
export const SERVER_ENTRIES: Record<string, string> = {
  'server/main': 'shared/server/main.ts',
  'server/backup': 'shared/server/ops/backupCli.ts',
  'server/restore': 'shared/server/ops/restoreCli.ts',
  'server/healthcheck': 'shared/server/ops/healthcheck.ts',
  'bot/main': 'bot/main.ts',
  start: 'scripts/start.ts',
};
