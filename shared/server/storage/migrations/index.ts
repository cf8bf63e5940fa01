import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_foundation';
import * as m002 from './002_notes';
import * as m003 from './003_events';
import * as m004 from './004_rounds';
import * as m005 from './005_privacy';
import * as m006 from './006_annotation_authors';
import * as m007 from './007_snapshot_encoding';
import * as m008 from './008_teams_roles';
import * as m009 from './009_notes_lock';
import * as m010 from './010_backstage';
import * as m012 from './012_token_revocations';

/** Migrations in order. Listed in code (not read from disk) so bundling and tsx behave the same. */
export const migrationProvider: MigrationProvider = {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '001_foundation': m001,
      '002_notes': m002,
      '003_events': m003,
      '004_rounds': m004,
      '005_privacy': m005,
      '006_annotation_authors': m006,
      '007_snapshot_encoding': m007,
      '008_teams_roles': m008,
      '009_notes_lock': m009,
      '010_backstage': m010,
      '012_token_revocations': m012,
    });
  },
};
