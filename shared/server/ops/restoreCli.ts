/**
 * `npm run restore -- <backup file>`: puts a backup made by `npm run backup` back. Stop every service
 * instance first. SQLite: the backup replaces SQLITE_PATH (the old file is kept beside it, named
 * `<file>.pre-restore-<time>`). PostgreSQL: `pg_restore --clean` into DATABASE_URL in one transaction.
 * The next service start migrates the restored data to the running version's schema.
 */
import { restorePostgres, restoreSqlite } from './backup';
import { parseOpsArgs, runTool, storageFromEnv } from './cli';

runTool('restore', async () => {
  const args = parseOpsArgs(process.argv.slice(2));
  const file = args.files[0];
  if (!file || args.files.length > 1) throw new Error('Usage: npm run restore -- <backup file>');
  const { databaseUrl, sqlitePath } = storageFromEnv(process.env);
  if (databaseUrl) return restorePostgres(databaseUrl, file);
  return Promise.resolve(restoreSqlite(file, sqlitePath));
});
