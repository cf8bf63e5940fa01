import { operations } from '../../../contract/api';
import { rankBackstage } from '../../../contract/backstage/model';
import { BACKSTAGE_LIMITS, type BackstageQuestionView } from '../../../contract/backstage/schemas';
import { canFacilitate } from '../../../contract/classes';
import type { Backstage } from '../../backstage';
import {
  answerQuestion,
  askQuestion,
  facilitateQuestion,
  voteQuestion,
} from '../../backstage/backstageCommands';
import { presentQuestion, type BackstageViewer } from '../../backstage/backstagePresenter';
import type { BackstageStore } from '../../backstage/backstageStore';
import { pausedUntil } from '../../backstage/classModeration';
import { loadSessionAccess } from '../../commands/access';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { bindOperation } from '../../http/route';

/** Questions by id, as the viewer may see them, in the order given. */
async function viewsOf(
  store: BackstageStore,
  ids: readonly string[],
  viewer: NonNullable<BackstageViewer>,
): Promise<BackstageQuestionView[]> {
  const [rows, votes] = await Promise.all([store.questionsById(ids), store.votesOf(viewer.userId, ids)]);
  const answers = await store.answersOf(rows.map((r) => r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentQuestion(row, answers, viewer, votes.get(id) ?? 0)] : [];
  });
}

/** One question as the caller sees it after changing it. */
async function viewOf(store: BackstageStore, id: string, viewer: NonNullable<BackstageViewer>) {
  const [view] = await viewsOf(store, [id], viewer);
  if (!view) throw new NotFoundError('question');
  return view;
}

/** Always-on questions of a live session: list, ask, vote, answer; facilitators pin, mark answered, assign. */
export function backstageRoutes(app: AppContext, backstage: Backstage): void {
  const { server, routeDeps: deps, storage } = app;
  const { store } = backstage;

  bindOperation(server, deps, operations.listBackstage, async ({ principal, params, query }) => {
    const { session, role } = await loadSessionAccess(storage, principal, params.sessionId);
    const viewer = { userId: principal.userId, facilitator: canFacilitate(role) };
    const now = Date.now();
    const ranked = rankBackstage(
      (await store.rankable(session.id)).map((r) => ({
        id: r.id,
        up: r.up,
        down: r.down,
        createdAt: r.created_at,
        pinned: r.pinned === 1,
        answered: r.answered === 1,
      })),
      now,
    );
    const offset = Math.min(query.offset ?? 0, ranked.length);
    const limit = query.limit ?? BACKSTAGE_LIMITS.pageSizeDefault;
    const pageIds = ranked.slice(offset, offset + limit).map((q) => q.id);
    const pendingRows = await store.pendingQuestions(session.id, viewer.facilitator ? null : viewer.userId);
    const [items, pending, paused] = await Promise.all([
      viewsOf(store, pageIds, viewer),
      viewsOf(
        store,
        pendingRows.map((r) => r.id),
        viewer,
      ),
      viewer.facilitator
        ? Promise.resolve(null)
        : pausedUntil(store.db, session.class_id, viewer.userId, now),
    ]);
    return {
      items,
      total: ranked.length,
      offset,
      nextOffset: offset + limit < ranked.length ? offset + limit : null,
      pending,
      pausedUntil: paused,
    };
  });

  bindOperation(server, deps, operations.askBackstage, async ({ principal, params, body }) => {
    const { session, role } = await loadSessionAccess(storage, principal, params.sessionId);
    const actor = { userId: principal.userId, name: principal.name, facilitator: canFacilitate(role) };
    const { row, duplicateOf } = await askQuestion(backstage.deps, session, actor, body, Date.now());
    return { question: await viewOf(store, row.id, actor), duplicateOf };
  });

  bindOperation(server, deps, operations.voteBackstage, async ({ principal, params, body }) => {
    const { session, role } = await loadSessionAccess(storage, principal, params.sessionId);
    const actor = { userId: principal.userId, name: principal.name, facilitator: canFacilitate(role) };
    const id = await voteQuestion(backstage.deps, session, actor, params.questionId, body.value, Date.now());
    return viewOf(store, id, actor);
  });

  bindOperation(server, deps, operations.answerBackstage, async ({ principal, params, body }) => {
    const { session, role } = await loadSessionAccess(storage, principal, params.sessionId);
    const actor = { userId: principal.userId, name: principal.name, facilitator: canFacilitate(role) };
    await answerQuestion(backstage.deps, session, actor, params.questionId, body, Date.now());
    return viewOf(store, params.questionId, actor);
  });

  bindOperation(server, deps, operations.facilitateBackstage, async ({ principal, params, body }) => {
    const { session } = await loadSessionAccess(storage, principal, params.sessionId, 'facilitator');
    await facilitateQuestion(backstage.deps, session, params.questionId, body, Date.now());
    return viewOf(store, params.questionId, { userId: principal.userId, facilitator: true });
  });
}
