import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { z } from 'zod';
import {
  BACKSTAGE_LIMITS,
  type BackstageQuestionIdSchema,
  type BackstageQuestionView,
  type ModerationItem,
} from '../../../shared/contract/backstage/schemas';
import { rankBackstage } from '../../../shared/contract/backstage/model';
import type { ClassId, SessionId } from '../../../shared/contract/ids';
import type { ModerationAction } from '../../../shared/contract/moderation/status';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { describeError } from '../errors';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n';
import { loadRoundContext } from '../rounds/roundContext';
import { ModerationQueueView } from './ModerationQueueView';
import { QuestionItem, type QuestionActions } from './QuestionItem';
import { useBackstage } from './useBackstage';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  pending: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/**
 * The always-on questions of a live session ("backstage"), self-contained so a page places it with one
 * line: it finds the person's role itself. Students ask (optionally anonymously), up-vote and answer;
 * facilitators pin, mark answered, hide, and work the moderation queue.
 */
export default function BackstagePanel({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useLoad(() => loadRoundContext(api, sessionId as SessionId), sessionId);
  if (state.status === 'loading') return <Loading label={t('backstage.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  return (
    <LiveBackstage
      sessionId={state.data.session.id}
      classId={state.data.session.classId}
      facilitator={state.data.role === 'facilitator'}
    />
  );
}

type Notice = { intent: 'success' | 'warning' | 'error' | 'info'; text: string } | null;

function LiveBackstage({
  sessionId,
  classId,
  facilitator,
}: {
  sessionId: SessionId;
  classId: ClassId;
  facilitator: boolean;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const live = useBackstage(sessionId, classId, facilitator);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  /** Runs one call: a refusal becomes the tab's translated sentence, never the service's raw message. */
  const run = async <T,>(call: () => Promise<T>, done?: (r: T) => Notice): Promise<boolean> => {
    setBusy(true);
    try {
      const r = await call();
      setNotice(done ? done(r) : null);
      live.reload();
      return true;
    } catch (e) {
      setNotice({ intent: 'error', text: describeError(e, t) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const say = (intent: NonNullable<Notice>['intent'], key: MessageKey): Notice => ({ intent, text: t(key) });

  const ask = async () => {
    const ok = await run(
      () => api.call('askBackstage', { params: { sessionId }, body: { text: text.trim(), anonymous } }),
      (r) =>
        r.duplicateOf
          ? say('info', 'backstage.ask.duplicate')
          : r.question.status === 'pending'
            ? say('warning', 'backstage.ask.queued')
            : say('success', 'backstage.ask.sent'),
    );
    if (ok) setText('');
  };

  const qp = (q: BackstageQuestionView) => ({
    sessionId,
    questionId: q.id as z.infer<typeof BackstageQuestionIdSchema>,
  });
  const actions: QuestionActions = {
    vote: (q, value) => void run(() => api.call('voteBackstage', { params: qp(q), body: { value } })),
    answer: (q, answer, anon) =>
      run(
        () => api.call('answerBackstage', { params: qp(q), body: { text: answer.trim(), anonymous: anon } }),
        (r) =>
          r.answers.some((a) => a.mine && a.status === 'pending')
            ? say('warning', 'backstage.answer.queued')
            : null,
      ),
    facilitate: (q, change) =>
      void run(() => api.call('facilitateBackstage', { params: qp(q), body: change })),
    hide: (q) =>
      void run(() =>
        api.call('moderatePost', {
          params: { sessionId },
          body: { kind: 'backstage_question', itemId: q.id, action: 'hide' },
        }),
      ),
    report: (q) =>
      void run(
        () =>
          api.call('reportPost', {
            params: { sessionId },
            body: { kind: 'backstage_question', itemId: q.id },
          }),
        () => say('success', 'backstage.reported'),
      ),
  };
  const moderate = (item: ModerationItem, action: ModerationAction) =>
    void run(() =>
      api.call('moderatePost', {
        params: { sessionId },
        body: { kind: item.kind, itemId: item.itemId, action },
      }),
    );

  const page = live.page;
  const paused = page?.pausedUntil != null && page.pausedUntil > Date.now();
  const ranked = page ? rankBackstage(page.items, Date.now()) : [];
  const pending = page && !facilitator ? page.pending : [];

  return (
    <section
      className={styles.root}
      data-testid="backstage"
      data-stream={live.stream}
      aria-labelledby="backstage-title"
    >
      <Title3 as="h2" id="backstage-title">
        {t('backstage.title')}
      </Title3>
      {live.stream === 'reconnecting' && <Text size={200}>{t('backstage.live.reconnecting')}</Text>}
      {paused ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('backstage.paused')}</MessageBarBody>
        </MessageBar>
      ) : (
        <div className={styles.form}>
          <Field label={t('backstage.ask.label')}>
            <Textarea
              value={text}
              placeholder={t('backstage.ask.placeholder')}
              maxLength={BACKSTAGE_LIMITS.questionTextMax}
              onChange={(_, d) => setText(d.value)}
              data-testid="backstage-ask-text"
            />
          </Field>
          <div className={styles.row}>
            <Checkbox
              checked={anonymous}
              onChange={(_, d) => setAnonymous(d.checked === true)}
              label={t('backstage.ask.anonymous')}
            />
            <Button appearance="primary" disabled={busy || !text.trim()} onClick={() => void ask()}>
              {t('backstage.ask.submit')}
            </Button>
          </div>
        </div>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody data-testid="backstage-notice">{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {pending.length > 0 && (
        <div>
          <Subtitle2 as="h3">{t('backstage.pending.title')}</Subtitle2>
          {pending.map((q) => (
            <Text key={q.id} as="p" className={styles.pending}>
              {q.text}
            </Text>
          ))}
        </div>
      )}
      {facilitator && live.queue && (
        <ModerationQueueView queue={live.queue} sessionId={sessionId} busy={busy} onModerate={moderate} />
      )}
      {!page && live.error ? (
        <ErrorState error={live.error} onRetry={live.reload} />
      ) : !page ? (
        <Loading label={t('backstage.loading')} />
      ) : ranked.length === 0 ? (
        <Text>{t('backstage.empty')}</Text>
      ) : (
        <ul className={styles.list}>
          {ranked.map((q) => (
            <QuestionItem key={q.id} q={q} facilitator={facilitator} busy={busy} actions={actions} />
          ))}
        </ul>
      )}
    </section>
  );
}
