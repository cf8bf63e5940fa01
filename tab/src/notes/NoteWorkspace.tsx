import { MessageBar, MessageBarBody, Title2, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Class } from '../../../shared/contract/classes';
import { canFacilitate } from '../../../shared/contract/roles';
import type { Session as ClassSession } from '../../../shared/contract/sessions';
import { useSession } from '../auth/session';
import { Loading } from '../components/States';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import { anchorPassage, passageAtSelection } from './annotations/actions';
import { addAnnotation } from './annotations/model';
import { annotationsKey } from './annotations/plugin';
import { useAuthorBook } from './annotations/useAuthorBook';
import type { Viewer } from './annotations/visibility';
import type { ConnectionState } from './collab/connectionState';
import type { NoteConnection } from './collab/noteConnection';
import { ConnectionBadge, ConnectionNotice } from './ConnectionBadge';
import { NoteActions, type Panel } from './NoteActions';
import { NoteSafety } from './NoteSafety';
import { NoteToolbar } from './editor/NoteToolbar';
import { focusToolbar } from './editor/RovingToolbar';
import { useEditorVersion, useNoteEditor } from './editor/useNoteEditor';
import { downloadMarkdown } from './exportNote';
import { noteIdentity } from './identity';
import type { ThreadDraft } from './panels/DiscussionPanel';
import { PanelDrawer } from './PanelDrawer';
import { PresenceList } from './PresenceList';
import { usePrivateDetails } from '../privacy/PrivateDetails';
import { useActivity } from './useActivity';
import './notes.css';

// Not needed for the first editable render: separate chunks, fetched when first opened.
const DiscussionPanel = lazy(() =>
  import('./panels/DiscussionPanel').then((m) => ({ default: m.DiscussionPanel })),
);
const HistoryPanel = lazy(() => import('./panels/HistoryPanel').then((m) => ({ default: m.HistoryPanel })));
const LinkForm = lazy(() => import('./editor/InsertForms').then((m) => ({ default: m.LinkForm })));
const MathForm = lazy(() => import('./editor/InsertForms').then((m) => ({ default: m.MathForm })));

/** The narrowest the text may get beside a side panel; below it the panel opens as a drawer over the page. */
export const MIN_EDITOR_PX = 600;
/** A side panel's width beside the text (22rem) plus the gap. */
const PANEL_PX = 352 + 12;
/** How long a status line ("Flagged…") stays. */
const STATUS_MS = 6000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  title: { overflowWrap: 'anywhere', minWidth: 0 },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  bodyWithPanel: { gridTemplateColumns: 'minmax(0, 1fr) 22rem' },
  panel: { minWidth: 0, position: 'sticky', top: tokens.spacingVerticalS },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  sheet: {
    minHeight: '40vh',
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, minHeight: '1em' },
});

interface Props {
  session: ClassSession;
  cls: Class;
  me: { userId: string; name: string };
  /** Meeting side panel: smaller title, icon-only actions. */
  compact: boolean;
  /** Opened by the loader, in parallel with the REST calls. */
  connection: NoteConnection | null;
  connectionState: ConnectionState;
}

/** A session's live notes: header with state and people, toolbar, the editor, and the side panels. */
export function NoteWorkspace({ session, cls, me, compact, connection, connectionState: state }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const Title = compact ? Title3 : Title2;
  const identity = useMemo(() => noteIdentity(me.userId, me.name), [me.userId, me.name]);
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const facilitator = canFacilitate(cls.myRole);
  const authors = useAuthorBook(api, session.id, connection?.doc ?? null, me, facilitator);
  const editor = useNoteEditor(
    host,
    connection,
    identity,
    t('notes.editorLabel', { title: session.title }),
    authors.book,
    t('notes.placeholder'),
  );
  useEditorVersion(editor);
  const [panel, setPanel] = useState<Panel>(null);
  const [form, setForm] = useState<'link' | 'math' | null>(null);
  const [draft, setDraft] = useState<ThreadDraft | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const column = useRef<HTMLDivElement>(null);
  const [bodyWidth, setBodyWidth] = useState(0);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!body) return;
    const observer = new ResizeObserver(([entry]) => setBodyWidth(entry?.contentRect.width ?? 0));
    observer.observe(body);
    return () => observer.disconnect();
  }, [body]);
  // Beside the text only when the text keeps a readable width; otherwise over it, as a drawer.
  const inline = bodyWidth - PANEL_PX >= MIN_EDITOR_PX;
  useActivity(editor, connection?.awareness ?? null, draft !== null);

  const { shown: privateDetails } = usePrivateDetails();
  const viewer: Viewer = { userId: me.userId, facilitator, privateDetails };
  const author = { userId: me.userId, name: identity.name };
  const canWrite = !state.readOnly && !state.stopped;
  useEffect(() => {
    if (editor && editor.isEditable !== canWrite) editor.setEditable(canWrite, false);
  }, [editor, canWrite]);

  const announce = useCallback((text: string) => setStatus(text), []);
  // A status line is a toast: it says what happened, then goes away.
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const passageOrExplain = () => {
    if (!editor || !connection) return null;
    const passage = passageAtSelection(editor.state);
    const anchor = passage && anchorPassage(editor, connection.doc, passage);
    if (!passage || !anchor) announce(t('notes.flag.empty'));
    return passage && anchor ? { ...passage, anchor } : null;
  };
  const handleFlag = () => {
    const p = passageOrExplain();
    if (!p || !connection || !editor) return;
    // One open flag per person and passage, so nobody can make a passage look more confusing alone.
    const passage = annotationsKey
      .getState(editor.state)
      ?.passages.find((h) => p.from >= h.from && p.from < h.to);
    if (passage?.mine) return announce(t('notes.flag.already'));
    // Flags never show a name to classmates: the document holds no author, and the service keeps it for
    // facilitators unless the class is fully anonymous.
    const recordAuthor = !cls.settings.fullyAnonymous;
    const flag = addAnnotation(connection.doc, {
      kind: 'flag',
      anchor: p.anchor,
      quote: p.quote,
      author,
      anonymous: true,
      recordAuthor,
    });
    if (recordAuthor) authors.claim(flag.id, null);
    announce(t('notes.flag.done'));
  };
  const handleComment = () => {
    const p = passageOrExplain();
    if (!p) return;
    setDraft({ anchor: p.anchor, quote: p.quote });
    setPanel('discussion');
  };
  const handleExport = () => {
    setError(null);
    downloadMarkdown(api, session.id, session.title).then(
      (file) => announce(t('notes.action.exported', { file })),
      setError,
    );
  };
  const handleKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && e.key === 'F10') {
      e.preventDefault();
      focusToolbar(column.current);
    }
  };

  const annotations = editor ? annotationsKey.getState(editor.state) : undefined;
  const openCount =
    (annotations?.passages.reduce((n, p) => n + p.open, 0) ?? 0) +
    (annotations?.annotations.filter((a) => a.kind === 'thread' && !a.resolved).length ?? 0);

  const panelContent = (
    <Suspense fallback={<Loading label={t('app.loading')} />}>
      {panel === 'discussion' && editor && connection && (
        <DiscussionPanel
          editor={editor}
          doc={connection.doc}
          viewer={viewer}
          author={author}
          canWrite={canWrite}
          recordAuthors={!cls.settings.fullyAnonymous}
          onClaim={authors.claim}
          draft={draft}
          onDraftDone={() => setDraft(null)}
          onClose={() => setPanel(null)}
        />
      )}
      {panel === 'history' && (
        <HistoryPanel
          sessionId={session.id}
          facilitator={facilitator}
          onClose={() => setPanel(null)}
          onAnnounce={announce}
        />
      )}
    </Suspense>
  );

  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <Title as="h1" className={styles.title}>
          {session.title}
        </Title>
        <ConnectionBadge state={state} />
      </div>
      <div className={styles.header} data-print="hide">
        <PresenceList awareness={connection?.awareness ?? null} selfUserId={me.userId} />
      </div>
      <NoteActions
        compact={compact}
        panel={panel}
        onPanel={setPanel}
        openCount={openCount}
        onExport={handleExport}
      />
      <NoteSafety
        sessionId={session.id}
        live={session.status === 'live'}
        facilitator={facilitator}
        compact={compact}
        state={state}
        onAnnounce={announce}
      />
      <ConnectionNotice state={state} onRetry={() => connection?.retry()} />
      {state.readOnly && state.readOnlyReason !== 'locked' && !state.locked && (
        <MessageBar intent="info" data-testid="read-only">
          <MessageBarBody>{t('notes.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={`${styles.body} ${panel && inline ? styles.bodyWithPanel : ''}`} ref={setBody}>
        <div className={styles.column} ref={column}>
          {editor && canWrite && (
            <NoteToolbar
              editor={editor}
              onLink={() => setForm(form === 'link' ? null : 'link')}
              onMath={() => setForm(form === 'math' ? null : 'math')}
              onFlag={handleFlag}
              onComment={handleComment}
            />
          )}
          <Suspense fallback={null}>
            {editor && canWrite && form === 'link' && (
              <LinkForm editor={editor} onDone={() => setForm(null)} />
            )}
            {editor && canWrite && form === 'math' && (
              <MathForm editor={editor} onDone={() => setForm(null)} />
            )}
          </Suspense>
          <div
            className={`${styles.sheet} stoa-sheet`}
            ref={setHost}
            onKeyDown={handleKeyDown}
            data-testid="note-editor"
          />
        </div>
        {panel && inline && (
          <div className={styles.panel} data-print="hide" data-testid="side-panel">
            {panelContent}
          </div>
        )}
      </div>
      {!inline && panel && <PanelDrawer onClose={() => setPanel(null)}>{panelContent}</PanelDrawer>}
      <div role="status" aria-live="polite" className={styles.status} data-print="hide">
        {status}
      </div>
    </div>
  );
}
