import type { Kysely } from 'kysely';
import type { AnnotationAuthor } from '../../contract/annotations';
import type { DatabaseSchema } from '../storage/schema';

export interface AuthorClaim {
  sessionId: string;
  tenantId: string;
  annotationId: string;
  commentId: string | null;
  userId: string;
  name: string;
}

/**
 * Authors of anonymous annotations. The first claim of an item wins; the same person claiming again is a
 * no-op, anyone else is refused, so nobody can take over (or be pinned to) another person's flag.
 */
export class AnnotationAuthorStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** True when the item is (now) the caller's; false when someone else holds it. */
  async claim(c: AuthorClaim): Promise<boolean> {
    const commentId = c.commentId ?? '';
    await this.db
      .insertInto('annotation_authors')
      .values({
        session_id: c.sessionId,
        annotation_id: c.annotationId,
        comment_id: commentId,
        tenant_id: c.tenantId,
        user_id: c.userId,
        name: c.name,
        created_at: Date.now(),
      })
      .onConflict((oc) => oc.columns(['session_id', 'annotation_id', 'comment_id']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('annotation_authors')
      .select('user_id')
      .where('session_id', '=', c.sessionId)
      .where('annotation_id', '=', c.annotationId)
      .where('comment_id', '=', commentId)
      .executeTakeFirst();
    return row?.user_id === c.userId;
  }

  /** The session's recorded authors, or only `onlyUserId`'s own items. */
  async list(sessionId: string, viewerId: string, onlyUserId: string | null): Promise<AnnotationAuthor[]> {
    let q = this.db
      .selectFrom('annotation_authors')
      .select(['annotation_id', 'comment_id', 'user_id', 'name'])
      .where('session_id', '=', sessionId);
    if (onlyUserId !== null) q = q.where('user_id', '=', onlyUserId);
    const rows = await q.orderBy('created_at').orderBy('annotation_id').execute();
    return rows.map((r) => ({
      annotationId: r.annotation_id,
      commentId: r.comment_id === '' ? null : r.comment_id,
      userId: r.user_id,
      name: r.name,
      mine: r.user_id === viewerId,
    }));
  }

  /** Ids of the flags and threads (not comments) of a session that `userId` is recorded as the author of. */
  async annotationsOf(sessionId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('annotation_authors')
      .select('annotation_id')
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId)
      .where('comment_id', '=', '')
      .execute();
    return new Set(rows.map((r) => r.annotation_id));
  }
}
