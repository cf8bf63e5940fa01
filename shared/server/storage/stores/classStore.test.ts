import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../test/backends';
import { openTestDatabase, type TestDatabase } from '../../test/database';
import { buildClassRow, buildMemberRow, walkPages } from '../../test/rows';
import { isUniqueViolation } from './index';

const backends = await storageBackends();

describe.each(backends)('ClassStore on %s', (backend) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(backend);
  });
  afterAll(() => tdb.close());

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it('inserts a class and finds it by id with every column as written', async () => {
    const row = buildClassRow({
      conversation_kind: 'channel',
      conversation_id: '19:abc@thread.tacv2',
      team_id: 'team',
      channel_id: 'chan',
      meeting_id: null,
      created_at: 1_700_000_000_123,
    });
    await tdb.storage.classes.insert(row);
    const found = await tdb.storage.classes.findById(row.tenant_id, row.id);
    expect(found).toEqual(row);
    expect(typeof found?.created_at).toBe('number');
  });

  it('scopes lookups by tenant', async () => {
    const row = buildClassRow({ conversation_kind: 'groupChat', conversation_id: 'conv-scoped' });
    await tdb.storage.classes.insert(row);
    expect(await tdb.storage.classes.findById('tenant-b', row.id)).toBeUndefined();
    expect(await tdb.storage.classes.findByConversation('tenant-b', 'conv-scoped')).toBeUndefined();
    expect((await tdb.storage.classes.findByConversation(row.tenant_id, 'conv-scoped'))?.id).toBe(row.id);
  });

  it('allows one class per conversation and tenant', async () => {
    const conv = { conversation_kind: 'groupChat', conversation_id: 'conv-unique' };
    await tdb.storage.classes.insert(buildClassRow(conv));
    const err = await failure(tdb.storage.classes.insert(buildClassRow(conv)));
    expect(err).not.toBeNull();
    expect(isUniqueViolation(err)).toBe(true);
    await tdb.storage.classes.insert(buildClassRow({ ...conv, tenant_id: 'tenant-b' }));
  });

  it('allows any number of classes without a conversation', async () => {
    await tdb.storage.classes.insert(buildClassRow({ tenant_id: 'tenant-web' }));
    await tdb.storage.classes.insert(buildClassRow({ tenant_id: 'tenant-web' }));
  });

  it('reports a duplicate id as a unique violation', async () => {
    const row = buildClassRow();
    await tdb.storage.classes.insert(row);
    expect(isUniqueViolation(await failure(tdb.storage.classes.insert({ ...row })))).toBe(true);
  });

  it('updates the name and settings of one class only', async () => {
    const a = buildClassRow();
    const b = buildClassRow();
    await tdb.storage.classes.insert(a);
    await tdb.storage.classes.insert(b);
    await tdb.storage.classes.update(a.id, { name: 'Renamed', settings: '{"fullyAnonymous":true}' });
    expect(await tdb.storage.classes.findById(a.tenant_id, a.id)).toMatchObject({
      name: 'Renamed',
      settings: '{"fullyAnonymous":true}',
    });
    expect((await tdb.storage.classes.findById(b.tenant_id, b.id))?.name).toBe(b.name);
  });

  it('lists only the classes a user belongs to in their tenant, with their role', async () => {
    const userId = 'lister-1';
    const mine = buildClassRow({ tenant_id: 'tenant-list' });
    const notMine = buildClassRow({ tenant_id: 'tenant-list' });
    const otherTenant = buildClassRow({ tenant_id: 'tenant-list-b' });
    for (const c of [mine, notMine, otherTenant]) await tdb.storage.classes.insert(c);
    await tdb.storage.members.insertIfMissing(buildMemberRow(mine, { user_id: userId, role: 'facilitator' }));
    await tdb.storage.members.insertIfMissing(buildMemberRow(otherTenant, { user_id: userId }));
    const rows = await tdb.storage.classes.listForUser('tenant-list', userId, 10, null);
    expect(rows.map((r) => [r.id, r.role])).toEqual([[mine.id, 'facilitator']]);
  });

  it('pages newest first, breaking ties on equal times by id, without gaps or repeats', async () => {
    const tenant = 'tenant-pages';
    const userId = 'pager';
    const times = [1000, 2000, 2000, 2000, 3000, 3000, 4000];
    const rows = times.map((at) => buildClassRow({ tenant_id: tenant, created_at: at }));
    for (const r of rows) {
      await tdb.storage.classes.insert(r);
      await tdb.storage.members.insertIfMissing(buildMemberRow(r, { user_id: userId }));
    }
    const expected = [...rows]
      .sort((x, y) => y.created_at - x.created_at || (x.id < y.id ? 1 : -1))
      .map((r) => r.id);
    for (const limit of [1, 2, 3, 7, 50]) {
      const served = await walkPages(
        (l, after) => tdb.storage.classes.listForUser(tenant, userId, l, after),
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
      );
      expect(served).toEqual(expected);
    }
  });
});
