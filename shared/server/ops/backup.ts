import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

/** What a backup or restore did, printed as one JSON line by the command-line tools. */
export interface BackupResult {
  backend: 'sqlite' | 'postgres';
  file: string;
  bytes: number;
  ms: number;
  /** Migrations recorded in the copy (SQLite); the schema version it restores to. */
  migrations?: number;
}

function migrationCount(db: SQLite.Database): number {
  const row = db
    .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get() as { n: number };
  if (row.n === 0) return 0;
  return (db.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
}

/** Opens a file read-only and checks it is a whole SQLite database made by Stoa; throws otherwise. */
export function checkSqliteCopy(file: string): number {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged: ${String(check)}`);
    const n = migrationCount(db);
    if (n === 0) throw new Error(`${file} is not a Stoa database (it has no migrations table)`);
    return n;
  } finally {
    db.close();
  }
}

/**
 * Copies the live SQLite database with SQLite's online backup API while the service keeps writing. The
 * whole copy is one backup step, so it reads one snapshot (WAL: writers go on meanwhile) and holds
 * everything committed before it began; copied in small steps, each write by the service would restart
 * it. Written beside the target and renamed, so a crash never leaves a half file under the final name.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const started = Date.now();
  if (!existsSync(source)) throw new Error(`No SQLite database at ${source} (SQLITE_PATH)`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode; as a rollback-journal file it is whole on its own (no -wal beside).
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const migrations = checkSqliteCopy(partial);
  renameSync(partial, target);
  return {
    backend: 'sqlite',
    file: target,
    bytes: statSync(target).size,
    ms: Date.now() - started,
    migrations,
  };
}

/**
 * Puts a SQLite backup in place of the database at `target`; the service must be stopped. The current
 * file and its WAL are kept beside it (`<target>.pre-restore-<time>`): a WAL left next to the restored file
 * would be replayed onto it and corrupt it.
 */
export function restoreSqlite(
  backup: string,
  target: string,
  now = new Date(),
): BackupResult & { keptAs?: string } {
  const started = Date.now();
  const migrations = checkSqliteCopy(backup);
  let keptAs: string | undefined;
  if (existsSync(target)) {
    const current = new SQLite(target, { fileMustExist: true });
    try {
      current.pragma('busy_timeout = 0');
      // Leaving WAL mode needs the only connection to the file: it fails (or keeps `wal`) while a service
      // has it open, and it folds the WAL into the file, so the copy kept aside is whole on its own.
      let mode: unknown;
      try {
        mode = current.pragma('journal_mode = DELETE', { simple: true });
      } catch (err) {
        mode = (err as Error).message;
      }
      if (mode !== 'delete') {
        throw new Error(
          `${target} is in use (${String(mode)}): stop every Stoa service using it, then restore`,
        );
      }
    } finally {
      current.close();
    }
    keptAs = `${target}.pre-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAs);
    for (const side of ['-wal', '-shm', '-journal']) rmSync(target + side, { force: true });
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.restoring`;
  const src = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    // A file copy by SQLite itself (VACUUM INTO): consistent even if the backup file is being read.
    rmSync(partial, { force: true });
    src.prepare('vacuum into ?').run(partial);
  } finally {
    src.close();
  }
  renameSync(partial, target);
  return {
    backend: 'sqlite',
    file: target,
    bytes: statSync(target).size,
    ms: Date.now() - started,
    migrations,
    ...(keptAs ? { keptAs } : {}),
  };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    child.once('error', (e) =>
      fail(new Error(`${cmd} could not start (${e.message}): install the PostgreSQL client tools`)),
    );
    child.once('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${cmd} failed (${code}): ${err.trim()}`)),
    );
  });
}

/** `pg_dump --format=custom` of the database (or one schema of it); PostgreSQL's own consistent snapshot. */
export async function backupPostgres(url: string, target: string, schema?: string): Promise<BackupResult> {
  const started = Date.now();
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--no-privileges',
    ...(schema ? [`--schema=${schema}`] : []),
    `--file=${partial}`,
    `--dbname=${url}`,
  ]);
  renameSync(partial, target);
  return { backend: 'postgres', file: target, bytes: statSync(target).size, ms: Date.now() - started };
}

/**
 * `pg_restore` of such a dump into the database, in one transaction: existing Stoa tables are dropped and
 * recreated from the dump (`--clean --if-exists`), so a failure leaves the database as it was.
 */
export async function restorePostgres(url: string, dump: string): Promise<BackupResult> {
  const started = Date.now();
  await run('pg_restore', [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${url}`,
    dump,
  ]);
  return { backend: 'postgres', file: dump, bytes: statSync(dump).size, ms: Date.now() - started };
}
