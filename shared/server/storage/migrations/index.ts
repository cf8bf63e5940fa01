import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_foundation';
import * as m003 from './003_events';

/** Migrations in order. Listed in code (not read from disk) so bundling and tsx behave the same. */
export const migrationProvider: MigrationProvider = {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ '001_foundation': m001, '003_events': m003 });
  },
};
