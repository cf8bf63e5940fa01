import { randomBytes } from 'node:crypto';
import { newId, newJoinCode } from '../storage/ids';
import type { Cursor } from '../storage/cursor';
import { decodeCursor, toPage } from '../storage/cursor';
import type { ClassRow } from '../storage/stores/classStore';
import type { MemberRow } from '../storage/stores/memberStore';
import type { SessionRow } from '../storage/stores/sessionStore';

/** A class row with fresh ids; no conversation unless given. */
export function buildClassRow(overrides: Partial<ClassRow> = {}): ClassRow {
  return {
    id: newId('cls'),
    tenant_id: 'tenant-a',
    name: 'Storage 101',
    conversation_kind: null,
    conversation_id: null,
    team_id: null,
    channel_id: null,
    meeting_id: null,
    settings: JSON.stringify({ fullyAnonymous: false, studentsCanEdit: true }),
    join_code: newJoinCode(),
    join_token: null,
    created_by: 'creator',
    created_at: Date.now(),
    ...overrides,
  };
}

/** A membership row of `cls` for a fresh user. */
export function buildMemberRow(cls: ClassRow, overrides: Partial<MemberRow> = {}): MemberRow {
  return {
    class_id: cls.id,
    tenant_id: cls.tenant_id,
    user_id: `user-${randomBytes(4).toString('hex')}`,
    name: 'Member',
    role: 'student',
    role_source: 'granted',
    teams_basis: null,
    joined_at: Date.now(),
    ...overrides,
  };
}

/** A live session row of `cls`. */
export function buildSessionRow(cls: ClassRow, overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: newId('ses'),
    class_id: cls.id,
    tenant_id: cls.tenant_id,
    title: 'Lecture',
    status: 'live',
    created_by: cls.created_by,
    started_at: Date.now(),
    ended_at: null,
    ...overrides,
  };
}

/**
 * Reads every page of a store list the way the routes do (limit + 1 rows, cursor from the last kept row)
 * and returns the keys in the order served.
 */
export async function walkPages<T>(
  list: (limit: number, after: Cursor | null) => Promise<T[]>,
  limit: number,
  key: (row: T) => Cursor,
): Promise<string[]> {
  const seen: string[] = [];
  let after: Cursor | null = null;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = toPage(await list(limit, after), limit, key);
    seen.push(...page.items.map((r) => key(r).id));
    if (!page.nextCursor) return seen;
    after = decodeCursor(page.nextCursor);
  }
  throw new Error('pagination did not end');
}
