import type { Kysely, Transaction } from 'kysely';
import type { BackstageEvent } from '../../contract/backstage/model';
import type { ModerationStatus } from '../../contract/moderation/status';
import type { Dialect } from '../storage/db';
import type { BackstageAnswersTable, BackstageQuestionsTable, DatabaseSchema } from '../storage/schema';

export type QuestionRow = BackstageQuestionsTable;
export type AnswerRow = BackstageAnswersTable;
type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** Rows of the backstage: questions, votes, answers and the replay log. */
export class BackstageStore {
  constructor(
    readonly db: Kysely<DatabaseSchema>,
    readonly dialect: Dialect,
  ) {}

  /** Runs `fn` in a transaction; on PostgreSQL `lockQuestion` serialises writers of one question. */
  transaction<T>(fn: (trx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  /** The question, locked for the rest of the transaction on PostgreSQL (SQLite transactions are serial). */
  async lockQuestion(trx: Db, sessionId: string, id: string): Promise<QuestionRow | undefined> {
    let q = trx
      .selectFrom('backstage_questions')
      .selectAll()
      .where('id', '=', id)
      .where('session_id', '=', sessionId);
    if (this.dialect === 'postgres') q = q.forUpdate();
    return q.executeTakeFirst();
  }

  findQuestion(sessionId: string, id: string, db: Db = this.db): Promise<QuestionRow | undefined> {
    return db
      .selectFrom('backstage_questions')
      .selectAll()
      .where('id', '=', id)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  }

  questionsById(ids: readonly string[]): Promise<QuestionRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('backstage_questions')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /** What ranking needs of every published, distinct question of a session. */
  rankable(sessionId: string) {
    return this.db
      .selectFrom('backstage_questions')
      .select(['id', 'up', 'down', 'created_at', 'pinned', 'answered'])
      .where('session_id', '=', sessionId)
      .where('status', '=', 'published')
      .where('duplicate_of', 'is', null)
      .execute();
  }

  /** Published texts for duplicate detection. */
  publishedTexts(sessionId: string) {
    return this.db
      .selectFrom('backstage_questions')
      .select(['id', 'text'])
      .where('session_id', '=', sessionId)
      .where('status', '=', 'published')
      .where('duplicate_of', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  pendingQuestions(sessionId: string, authorId: string | null): Promise<QuestionRow[]> {
    let q = this.db
      .selectFrom('backstage_questions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('status', '=', 'pending');
    if (authorId !== null) q = q.where('author_id', '=', authorId);
    return q.orderBy('created_at').limit(200).execute();
  }

  answersOf(questionIds: readonly string[]): Promise<AnswerRow[]> {
    if (questionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('backstage_answers')
      .selectAll()
      .where('question_id', 'in', [...questionIds])
      .orderBy('created_at')
      .execute();
  }

  findAnswer(sessionId: string, id: string, db: Db = this.db): Promise<AnswerRow | undefined> {
    return db
      .selectFrom('backstage_answers')
      .selectAll()
      .where('id', '=', id)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  }

  async votesOf(userId: string, questionIds: readonly string[]): Promise<Map<string, number>> {
    if (questionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('backstage_votes')
      .select(['question_id', 'value'])
      .where('user_id', '=', userId)
      .where('question_id', 'in', [...questionIds])
      .execute();
    return new Map(rows.map((r) => [r.question_id, r.value]));
  }

  insertQuestion(trx: Db, row: QuestionRow) {
    return trx.insertInto('backstage_questions').values(row).execute();
  }

  insertAnswer(trx: Db, row: AnswerRow) {
    return trx.insertInto('backstage_answers').values(row).execute();
  }

  /**
   * Sets (or with 0 removes) one vote and recounts the question; call with the question locked. Returns
   * false when the vote was already that value.
   */
  async setVote(
    trx: Db,
    q: { id: string; session_id: string; tenant_id: string },
    userId: string,
    value: -1 | 0 | 1,
    at: number,
  ): Promise<boolean> {
    const prior = await trx
      .selectFrom('backstage_votes')
      .select('value')
      .where('question_id', '=', q.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if ((prior?.value ?? 0) === value) return false;
    if (value === 0) {
      await trx
        .deleteFrom('backstage_votes')
        .where('question_id', '=', q.id)
        .where('user_id', '=', userId)
        .execute();
    } else if (prior) {
      await trx
        .updateTable('backstage_votes')
        .set({ value, at })
        .where('question_id', '=', q.id)
        .where('user_id', '=', userId)
        .execute();
    } else {
      await trx
        .insertInto('backstage_votes')
        .values({
          question_id: q.id,
          session_id: q.session_id,
          tenant_id: q.tenant_id,
          user_id: userId,
          value,
          at,
        })
        .execute();
    }
    const up = (prior?.value === 1 ? -1 : 0) + (value === 1 ? 1 : 0);
    const down = (prior?.value === -1 ? -1 : 0) + (value === -1 ? 1 : 0);
    await trx
      .updateTable('backstage_questions')
      .set((eb) => ({ up: eb('up', '+', up), down: eb('down', '+', down) }))
      .where('id', '=', q.id)
      .execute();
    return true;
  }

  async hasVote(trx: Db, questionId: string, userId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('backstage_votes')
      .select('value')
      .where('question_id', '=', questionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  updateQuestion(
    trx: Db,
    id: string,
    set: Partial<Pick<QuestionRow, 'pinned' | 'answered' | 'assigned_to' | 'status'>>,
  ) {
    return trx.updateTable('backstage_questions').set(set).where('id', '=', id).execute();
  }

  setAnswerStatus(trx: Db, id: string, status: ModerationStatus) {
    return trx.updateTable('backstage_answers').set({ status }).where('id', '=', id).execute();
  }

  /** Appends to the replay log, in the transaction of the change it records. */
  log(trx: Db, sessionId: string, event: BackstageEvent) {
    return trx
      .insertInto('backstage_log')
      .values({ session_id: sessionId, event: JSON.stringify(event), at: event.at })
      .execute();
  }

  async readLog(sessionId: string): Promise<BackstageEvent[]> {
    const rows = await this.db
      .selectFrom('backstage_log')
      .select('event')
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    return rows.map((r) => JSON.parse(r.event) as BackstageEvent);
  }
}
