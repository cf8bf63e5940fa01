import type { FixtureIds, FixturePeople } from './views';

/** The migrations of Stoa's first release: the schema the committed fixture was written with. */
export const FIRST_RELEASE_MIGRATIONS = [
  '001_foundation',
  '002_notes',
  '003_events',
  '004_rounds',
  '005_privacy',
  '006_annotation_authors',
  '007_snapshot_encoding',
];

export interface UpgradeFixture {
  about: string;
  /** Migrations the database had when the rows were written. */
  migrations: string[];
  people: FixturePeople;
  ids: FixtureIds;
  /** Every table but the migrator's, in an order that satisfies foreign keys; bytes as `{ $base64 }`. */
  tables: Array<{ name: string; rows: Array<Record<string, unknown>> }>;
  /** What the people saw through the API then (see views.ts). */
  views: Record<string, unknown>;
}

export function encodeRows(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Uint8Array ? { $base64: Buffer.from(v).toString('base64') } : v,
      ]),
    ),
  );
}

export function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v && typeof v === 'object' && '$base64' in v ? Buffer.from(String(v.$base64), 'base64') : v,
    ]),
  );
}
