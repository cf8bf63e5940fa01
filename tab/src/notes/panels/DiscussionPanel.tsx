import { Badge, Button, Text, Title3 } from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/I18nProvider';
import { jumpTo } from '../annotations/actions';
import type { EncodedAnchor } from '../annotations/anchors';
import type { PassageHeat } from '../annotations/heatmap';
import {
  addAnnotation,
  addComment,
  removeAnnotations,
  setResolved,
  type AnnotationAuthor,
} from '../annotations/model';
import { annotationsKey, type PlacedAnnotation } from '../annotations/plugin';
import { flaggers, type Viewer } from '../annotations/visibility';
import { snippet, tCount } from '../text';
import { usePanelStyles } from './styles';
import { CommentForm, ThreadCard } from './ThreadCard';

/** A comment being written: the passage was anchored when "Comment" was chosen. */
export interface ThreadDraft {
  anchor: EncodedAnchor;
  quote: string;
}

interface Props {
  editor: Editor;
  doc: Y.Doc;
  viewer: Viewer;
  author: AnnotationAuthor;
  canWrite: boolean;
  /** False in fully anonymous classes: no author is written down, facilitators see counts only. */
  recordAuthors: boolean;
  /** Records this user with the service as the author of an anonymous item they just wrote. */
  onClaim: (annotationId: string, commentId: string | null) => void;
  draft: ThreadDraft | null;
  onDraftDone: () => void;
  onClose: () => void;
}

/** Open flags per passage and comment threads, with jump-to-text, resolve and replies. */
export function DiscussionPanel({
  editor,
  doc,
  viewer,
  author,
  canWrite,
  recordAuthors,
  onClaim,
  draft,
  onDraftDone,
  onClose,
}: Props) {
  const claimIfAnonymous = (anonymous: boolean, annotationId: string, commentId: string | null) => {
    if (anonymous && recordAuthors) onClaim(annotationId, commentId);
  };
  const styles = usePanelStyles();
  const { t, language } = useI18n();
  const [showResolved, setShowResolved] = useState(false);
  const state = annotationsKey.getState(editor.state);
  const placed = state?.placed ?? [];
  const byId = new Map(placed.map((p) => [p.annotation.id, p]));
  const passages = (state?.passages ?? []).filter((p) => p.open > 0);
  const threads = placed.filter((p) => p.annotation.kind === 'thread').sort((a, b) => a.from - b.from);
  const open = threads.filter((p) => !p.annotation.resolved);
  const resolved = threads.filter((p) => p.annotation.resolved);
  const textOf = (p: { from: number; to: number }) => editor.state.doc.textBetween(p.from, p.to, ' ', ' ');

  const passageItem = (p: PassageHeat) => {
    const flags = p.openIds.flatMap((id) => byId.get(id) ?? []);
    const names = flaggers(
      flags.map((f) => f.annotation),
      viewer,
    );
    const first = flags[0];
    return (
      <li key={p.openIds[0] ?? p.index} className={styles.item} data-testid="passage">
        <blockquote className={styles.quote}>
          {t('notes.panel.quote', { quote: snippet(textOf(p)) })}
        </blockquote>
        <div>
          <Badge appearance="tint" color="warning">
            {tCount(t, language, p.mine ? 'notes.flag.countMine' : 'notes.flag.count', p.open)}
          </Badge>
        </div>
        {viewer.facilitator && viewer.privateDetails && (
          <Text className={styles.meta}>
            {names.length > 0 ? t('notes.flag.by', { names: names.join(', ') }) : t('notes.flag.byAnonymous')}
          </Text>
        )}
        <div className={styles.actions}>
          {first && (
            <Button size="small" onClick={() => jumpTo(editor, first)}>
              {t('notes.panel.jump')}
            </Button>
          )}
          {viewer.facilitator && canWrite && (
            <Button
              size="small"
              appearance="primary"
              onClick={() => setResolved(doc, p.openIds, true, author.name)}
            >
              {t('notes.flag.resolve')}
            </Button>
          )}
          {p.mine && canWrite && (
            <Button size="small" onClick={() => removeAnnotations(doc, p.myIds)}>
              {t('notes.flag.withdraw')}
            </Button>
          )}
        </div>
      </li>
    );
  };

  const threadItem = (p: PlacedAnnotation) => (
    <ThreadCard
      key={p.annotation.id}
      thread={p.annotation}
      liveText={p.orphaned ? null : textOf(p)}
      viewer={viewer}
      canWrite={canWrite}
      onJump={p.orphaned ? null : () => jumpTo(editor, p)}
      onReply={(text, anonymous) => {
        const commentId = addComment(doc, p.annotation.id, author, text, {
          anonymous,
          recordAuthor: recordAuthors,
        });
        if (commentId) claimIfAnonymous(anonymous, p.annotation.id, commentId);
        return commentId !== null;
      }}
      onResolve={(r) => setResolved(doc, [p.annotation.id], r, author.name)}
    />
  );

  return (
    <section className={styles.panel} aria-labelledby="discussion-heading" data-testid="discussion-panel">
      <div className={styles.head}>
        <Title3 as="h2" id="discussion-heading">
          {t('notes.action.discussion')}
        </Title3>
        <Button
          appearance="subtle"
          icon={<Dismiss20Regular />}
          aria-label={t('notes.panel.close')}
          onClick={onClose}
        />
      </div>
      {!canWrite && <Text className={styles.meta}>{t('notes.flag.needsEdit')}</Text>}
      {draft && (
        <CommentForm
          offerAnonymous={!viewer.facilitator}
          label={t('notes.thread.new', { quote: snippet(draft.quote, 60) })}
          submitLabel={t('notes.thread.post')}
          autoFocus
          onSubmit={(text, anonymous) => {
            const made = addAnnotation(doc, {
              kind: 'thread',
              anchor: draft.anchor,
              quote: draft.quote,
              author,
              anonymous,
              recordAuthor: recordAuthors,
              text,
            });
            claimIfAnonymous(anonymous, made.id, null);
            if (made.commentId) claimIfAnonymous(anonymous, made.id, made.commentId);
            onDraftDone();
          }}
          onCancel={onDraftDone}
        />
      )}
      <section className={styles.section} aria-labelledby="passages-heading">
        <Text as="h3" weight="semibold" id="passages-heading">
          {t('notes.panel.passages')}
        </Text>
        {passages.length === 0 ? (
          <Text className={styles.meta}>{t('notes.panel.noPassages')}</Text>
        ) : (
          <ul className={styles.list}>{passages.map(passageItem)}</ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="threads-heading">
        <Text as="h3" weight="semibold" id="threads-heading">
          {t('notes.panel.threads')}
        </Text>
        {open.length === 0 ? (
          <Text className={styles.meta}>{t('notes.panel.noThreads')}</Text>
        ) : (
          <ul className={styles.list}>{open.map(threadItem)}</ul>
        )}
        {resolved.length > 0 && (
          <Button
            appearance="subtle"
            size="small"
            aria-expanded={showResolved}
            onClick={() => setShowResolved(!showResolved)}
          >
            {t('notes.panel.resolvedThreads', { count: resolved.length })}
          </Button>
        )}
        {showResolved && <ul className={styles.list}>{resolved.map(threadItem)}</ul>}
      </section>
    </section>
  );
}
