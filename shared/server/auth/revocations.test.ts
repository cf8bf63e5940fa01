import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../storage/db';
import { REVOCATION_KEEP_MS, Revocations, subjectHash } from './revocations';

const log = pino({ level: 'silent' });

describe('per-person token revocation', () => {
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('refuses tokens issued up to the revocation, accepts later ones, keeps it across restarts for the tokens’ lifetime', async () => {
    database = await openDatabase({ sqlitePath: ':memory:' });
    let now = Date.UTC(2026, 11, 7, 22, 0, 0, 500);
    const clock = () => now;
    const first = new Revocations(database.db, log, clock);
    await first.start();
    const before = Math.floor(now / 1000);
    expect(first.isRevoked('t', 'u', before)).toBe(false);

    const r = await first.revoke('t', 'u');
    expect(r.until - r.at).toBe(REVOCATION_KEEP_MS);
    expect(first.isRevoked('t', 'u', before)).toBe(true);
    expect(first.isRevoked('t', 'u', undefined)).toBe(true);
    expect(first.isRevoked('t', 'u', before + 1)).toBe(false);
    // Another person, and the same id in another tenant, are not touched.
    expect(first.isRevoked('t', 'v', before)).toBe(false);
    expect(first.isRevoked('t2', 'u', before)).toBe(false);
    first.close();

    // The table never names the person.
    const rows = await database.db
      .withTables<{ token_revocations: { subject_hash: string } }>()
      .selectFrom('token_revocations')
      .selectAll()
      .execute();
    expect(JSON.stringify(rows)).not.toContain('"u"');
    expect(rows.map((row) => row.subject_hash)).toEqual([subjectHash('t', 'u')]);

    // A restarted instance reads it back, until every earlier token has expired.
    now += 3_600_000;
    const second = new Revocations(database.db, log, clock);
    await second.start();
    expect(second.isRevoked('t', 'u', before)).toBe(true);
    second.close();
    now += REVOCATION_KEEP_MS;
    const third = new Revocations(database.db, log, clock);
    await third.start();
    expect(third.isRevoked('t', 'u', before)).toBe(false);
    third.close();
    const left = await database.db
      .withTables<{ token_revocations: { subject_hash: string } }>()
      .selectFrom('token_revocations')
      .selectAll()
      .execute();
    expect(left).toEqual([]);
  });
});
