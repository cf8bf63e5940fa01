import {
  Badge,
  Button,
  Checkbox,
  Field,
  Text,
  Textarea,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { BACKSTAGE_LIMITS, type BackstageQuestionView } from '../../../shared/contract/backstage/schemas';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  pinned: { ...shorthands.borderColor(tokens.colorBrandStroke1) },
  text: { overflowWrap: 'anywhere' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  answers: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    overflowWrap: 'anywhere',
  },
  who: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalXS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface QuestionActions {
  vote: (q: BackstageQuestionView, value: 0 | 1) => void;
  answer: (q: BackstageQuestionView, text: string, anonymous: boolean) => Promise<boolean>;
  facilitate: (q: BackstageQuestionView, change: { pinned?: boolean; answered?: boolean }) => void;
  hide: (q: BackstageQuestionView) => void;
  report: (q: BackstageQuestionView) => void;
}

/**
 * One backstage question. Names come from the service's view, which never carries an anonymous author, so
 * nothing here can leak one; the service refuses what a person may not do, the buttons only spare the trip.
 */
export function QuestionItem({
  q,
  facilitator,
  busy,
  actions,
}: {
  q: BackstageQuestionView;
  facilitator: boolean;
  busy: boolean;
  actions: QuestionActions;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const [answering, setAnswering] = useState(false);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const who = q.mine ? t('backstage.you') : (q.authorName ?? t('backstage.anonymous'));
  const canAnswer = facilitator || (!q.mine && (q.assignedCount === 0 || q.assignedToMe));

  const send = async () => {
    if (await actions.answer(q, text, anonymous)) {
      setText('');
      setAnswering(false);
    }
  };

  return (
    <li className={`${styles.root} ${q.pinned ? styles.pinned : ''}`} data-testid="backstage-question">
      <Text className={styles.text} weight="semibold">
        {q.text}
      </Text>
      <div className={styles.meta}>
        {q.pinned && <Badge appearance="filled">{t('backstage.pinned')}</Badge>}
        {q.answered && (
          <Badge appearance="tint" color="success">
            {t('backstage.answered')}
          </Badge>
        )}
        <span>{who}</span>
        <span
          role="img"
          aria-label={t('backstage.votesLabel', { count: q.up })}
          data-testid="backstage-votes"
        >
          {t('backstage.votes', { count: q.up })}
        </span>
      </div>
      {q.answers.length > 0 && (
        <ul className={styles.answers}>
          {q.answers.map((a) => (
            <li key={a.id}>
              {a.text}
              <span className={styles.who}>
                —{' '}
                {a.byFacilitator
                  ? t('backstage.answer.byFacilitator')
                  : a.mine
                    ? t('backstage.you')
                    : (a.authorName ?? t('backstage.anonymous'))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        {!facilitator && !q.mine && (
          <Button
            size="small"
            appearance={q.myVote === 1 ? 'primary' : 'secondary'}
            aria-pressed={q.myVote === 1}
            disabled={busy}
            onClick={() => actions.vote(q, q.myVote === 1 ? 0 : 1)}
          >
            {q.myVote === 1 ? t('backstage.upvoted') : t('backstage.upvote')}
          </Button>
        )}
        {canAnswer && !answering && (
          <Button size="small" disabled={busy} onClick={() => setAnswering(true)}>
            {t('backstage.answer')}
          </Button>
        )}
        {!facilitator && !q.mine && (
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => actions.report(q)}>
            {t('backstage.report')}
          </Button>
        )}
        {facilitator && (
          <>
            <Button size="small" disabled={busy} onClick={() => actions.facilitate(q, { pinned: !q.pinned })}>
              {q.pinned ? t('backstage.unpin') : t('backstage.pin')}
            </Button>
            <Button
              size="small"
              disabled={busy}
              onClick={() => actions.facilitate(q, { answered: !q.answered })}
            >
              {q.answered ? t('backstage.reopen') : t('backstage.markAnswered')}
            </Button>
            <Button size="small" disabled={busy} onClick={() => actions.hide(q)}>
              {t('backstage.hide')}
            </Button>
          </>
        )}
      </div>
      {answering && (
        <div className={styles.form}>
          <Field label={t('backstage.answer.label')}>
            <Textarea
              value={text}
              maxLength={BACKSTAGE_LIMITS.answerTextMax}
              onChange={(_, d) => setText(d.value)}
            />
          </Field>
          {!facilitator && (
            <Checkbox
              checked={anonymous}
              onChange={(_, d) => setAnonymous(d.checked === true)}
              label={t('backstage.answer.anonymous')}
            />
          )}
          <div className={styles.actions}>
            <Button
              size="small"
              appearance="primary"
              disabled={busy || !text.trim()}
              onClick={() => void send()}
            >
              {t('backstage.answer.submit')}
            </Button>
            <Button size="small" onClick={() => setAnswering(false)}>
              {t('backstage.answer.cancel')}
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}
