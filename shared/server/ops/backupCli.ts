/**
 * `npm run backup [-- --out <file>] [--schema <name>]`: a consistent copy of Stoa's data while the
 * service runs. SQLite (SQLITE_PATH): SQLite's online backup into `data/backups/stoa-<time>.db`.
 * PostgreSQL (DATABASE_URL): `pg_dump --format=custom` into `data/backups/stoa-<time>.dump`.
 */
import { backupPostgres, backupSqlite } from './backup';
import { parseOpsArgs, runTool, storageFromEnv } from './cli';

runTool('backup', async () => {
  const args = parseOpsArgs(process.argv.slice(2));
  const { databaseUrl, sqlitePath } = storageFromEnv(process.env);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (databaseUrl) {
    return backupPostgres(databaseUrl, args.out ?? `data/backups/stoa-${stamp}.dump`, args.schema);
  }
  return backupSqlite(sqlitePath, args.out ?? `data/backups/stoa-${stamp}.db`);
});
