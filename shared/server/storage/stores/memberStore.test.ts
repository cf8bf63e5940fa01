import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../test/backends';
import { openTestDatabase, type TestDatabase } from '../../test/database';
import { buildClassRow, buildMemberRow, walkPages } from '../../test/rows';
import type { ClassRow } from './classStore';

const backends = await storageBackends();

describe.each(backends)('MemberStore on %s', (backend) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
  });
  afterAll(() => tdb.close());

  const newClass = async (): Promise<ClassRow> => {
    const cls = buildClassRow();
    await tdb.storage.classes.insert(cls);
    return cls;
  };

  it('adds a member once: a second insert does nothing and keeps the first role', async () => {
    const cls = await newClass();
    const row = buildMemberRow(cls, { role: 'owner' });
    expect(await tdb.storage.members.insertIfMissing(row)).toBe(true);
    expect(await tdb.storage.members.insertIfMissing({ ...row, role: 'student', name: 'Other' })).toBe(false);
    expect(await tdb.storage.members.find(cls.id, row.user_id)).toEqual(row);
  });

  it('adds concurrent duplicate joins exactly once', async () => {
    const cls = await newClass();
    const row = buildMemberRow(cls);
    const added = await Promise.all(
      Array.from({ length: 5 }, () => tdb.storage.members.insertIfMissing(row)),
    );
    expect(added.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a member of a class that does not exist', async () => {
    const ghost = buildClassRow();
    const err = await tdb.storage.members.insertIfMissing(buildMemberRow(ghost)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
  });

  it('finds a member only in their own class', async () => {
    const a = await newClass();
    const b = await newClass();
    const row = buildMemberRow(a);
    await tdb.storage.members.insertIfMissing(row);
    expect(await tdb.storage.members.find(b.id, row.user_id)).toBeUndefined();
  });

  it('changes a role, renames and removes one member only', async () => {
    const cls = await newClass();
    const x = buildMemberRow(cls, { name: 'X' });
    const y = buildMemberRow(cls, { name: 'Y' });
    await tdb.storage.members.insertIfMissing(x);
    await tdb.storage.members.insertIfMissing(y);
    await tdb.storage.members.setRole(cls.id, x.user_id, 'facilitator');
    await tdb.storage.members.rename(cls.id, x.user_id, 'X renamed');
    await tdb.storage.members.rename(cls.id, y.user_id, 'Y');
    expect(await tdb.storage.members.find(cls.id, x.user_id)).toMatchObject({
      role: 'facilitator',
      name: 'X renamed',
    });
    expect(await tdb.storage.members.find(cls.id, y.user_id)).toEqual(y);
    await tdb.storage.members.remove(cls.id, x.user_id);
    expect(await tdb.storage.members.find(cls.id, x.user_id)).toBeUndefined();
    expect(await tdb.storage.members.find(cls.id, y.user_id)).toEqual(y);
  });

  it('counts the owners of one class, inside and outside a transaction', async () => {
    const cls = await newClass();
    const other = await newClass();
    expect(await tdb.storage.members.countOwners(cls.id)).toBe(0);
    const first = buildMemberRow(cls, { role: 'owner' });
    await tdb.storage.members.insertIfMissing(first);
    await tdb.storage.members.insertIfMissing(buildMemberRow(cls, { role: 'facilitator' }));
    await tdb.storage.members.insertIfMissing(buildMemberRow(other, { role: 'owner' }));
    expect(await tdb.storage.members.countOwners(cls.id)).toBe(1);
    await tdb.storage.members.insertIfMissing(buildMemberRow(cls, { role: 'owner' }));
    expect(await tdb.storage.transaction((s) => s.members.countOwners(cls.id))).toBe(2);
    await tdb.storage.members.setRole(cls.id, first.user_id, 'student');
    expect(await tdb.storage.members.countOwners(cls.id)).toBe(1);
  });

  it('rolls back every write of a failed transaction', async () => {
    const cls = await newClass();
    const row = buildMemberRow(cls);
    const err = await tdb.storage
      .transaction(async (s) => {
        await s.members.insertIfMissing(row);
        throw new Error('abort');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(await tdb.storage.members.find(cls.id, row.user_id)).toBeUndefined();
  });

  it('pages members in join order, breaking ties by user id', async () => {
    const cls = await newClass();
    const times = [5, 1, 3, 3, 3, 2, 5];
    const rows = times.map((t, i) => buildMemberRow(cls, { joined_at: t, user_id: `u${(i * 7) % 10}-${i}` }));
    for (const r of rows) await tdb.storage.members.insertIfMissing(r);
    const expected = [...rows]
      .sort((x, y) => x.joined_at - y.joined_at || (x.user_id < y.user_id ? -1 : 1))
      .map((r) => r.user_id);
    for (const limit of [1, 2, 4, 7, 10]) {
      const served = await walkPages(
        (l, after) => tdb.storage.members.list(cls.id, l, after),
        limit,
        (r) => ({ at: r.joined_at, id: r.user_id }),
      );
      expect(served).toEqual(expected);
    }
  });
});
