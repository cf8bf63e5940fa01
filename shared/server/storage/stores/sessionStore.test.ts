import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../test/backends';
import { openTestDatabase, type TestDatabase } from '../../test/database';
import { buildClassRow, buildSessionRow, walkPages } from '../../test/rows';
import type { ClassRow } from './classStore';

const backends = await storageBackends();

describe.each(backends)('SessionStore on %s', (backend) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
  });
  afterAll(() => tdb.close());

  const newClass = async (overrides: Partial<ClassRow> = {}): Promise<ClassRow> => {
    const cls = buildClassRow(overrides);
    await tdb.storage.classes.insert(cls);
    return cls;
  };

  it('inserts a session and finds it by id within its tenant only', async () => {
    const cls = await newClass();
    const row = buildSessionRow(cls, { started_at: 1_700_000_000_456 });
    await tdb.storage.sessions.insert(row);
    expect(await tdb.storage.sessions.findById(cls.tenant_id, row.id)).toEqual(row);
    expect(await tdb.storage.sessions.findById('tenant-b', row.id)).toBeUndefined();
  });

  it('ends a live session once: a second end keeps the first end time', async () => {
    const cls = await newClass();
    const row = buildSessionRow(cls);
    await tdb.storage.sessions.insert(row);
    await tdb.storage.sessions.end(row.id, 2_000);
    await tdb.storage.sessions.end(row.id, 9_000);
    expect(await tdb.storage.sessions.findById(cls.tenant_id, row.id)).toMatchObject({
      status: 'ended',
      ended_at: 2_000,
    });
  });

  it('ends only the session asked for', async () => {
    const cls = await newClass();
    const a = buildSessionRow(cls);
    const b = buildSessionRow(cls);
    await tdb.storage.sessions.insert(a);
    await tdb.storage.sessions.insert(b);
    await tdb.storage.sessions.end(a.id, 1);
    expect((await tdb.storage.sessions.findById(cls.tenant_id, b.id))?.status).toBe('live');
  });

  it('lists only the sessions of one class', async () => {
    const cls = await newClass();
    const other = await newClass();
    const mine = buildSessionRow(cls);
    await tdb.storage.sessions.insert(mine);
    await tdb.storage.sessions.insert(buildSessionRow(other));
    expect((await tdb.storage.sessions.list(cls.id, 10, null)).map((s) => s.id)).toEqual([mine.id]);
  });

  it('pages sessions newest first, breaking ties by id', async () => {
    const cls = await newClass();
    const rows = [10, 30, 20, 30, 30, 10].map((t) => buildSessionRow(cls, { started_at: t }));
    for (const r of rows) await tdb.storage.sessions.insert(r);
    const expected = [...rows]
      .sort((x, y) => y.started_at - x.started_at || (x.id < y.id ? 1 : -1))
      .map((r) => r.id);
    for (const limit of [1, 2, 5, 6, 20]) {
      const served = await walkPages(
        (l, after) => tdb.storage.sessions.list(cls.id, l, after),
        limit,
        (r) => ({ at: r.started_at, id: r.id }),
      );
      expect(served).toEqual(expected);
    }
  });
});
