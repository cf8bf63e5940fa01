import { Badge, Button, ToggleButton, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { QuestionRoundView, QuestionView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { usePrivateDetails } from '../privacy/PrivateDetails';
import { TextForm } from './TextForm';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  text: { overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  answers: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
});

interface Props {
  view: QuestionRoundView;
  question: QuestionView;
  facilitator: boolean;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/** One question: who asked (or "anonymous"), votes, answers, and what this person may do with it. */
export function QuestionItem({ view, question: q, facilitator, busy, send }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const [answering, setAnswering] = useState(false);
  const { shown } = usePrivateDetails();
  // An anonymous author's name reaches a facilitator's view, but stays off a shared screen unless asked for.
  const askedBy = q.author && (shown || !q.anonymous) ? q.author.name : null;
  const asking = view.phase === 'asking';
  const answeringPhase = view.phase === 'answering';
  const canAnswer = answeringPhase && (facilitator || (q.assignedToMe && !q.answers.some((a) => a.mine)));
  const author = q.mine
    ? t('rounds.q.byYou')
    : askedBy
      ? t('rounds.q.by', { name: askedBy })
      : t('rounds.q.anonymous');
  const vote = (value: 1 | -1) =>
    void send({ type: 'vote', questionId: q.id, value: q.myVote === value ? 0 : value });

  return (
    <li className={styles.item} data-testid="question">
      <Text className={styles.text}>{q.text}</Text>
      <div className={`${styles.row} ${styles.meta}`}>
        <span>{author}</span>
        <span>{t('rounds.q.votes', { up: q.votes.up, down: q.votes.down })}</span>
        {q.answeredInNotes && <Badge appearance="tint">{t('rounds.q.inNotes')}</Badge>}
        {q.assignedToMe && (
          <Badge appearance="tint" color="brand">
            {t('rounds.q.assignedToMe')}
          </Badge>
        )}
        {facilitator && q.assignedTo && q.assignedTo.length > 0 && (
          <span>{t('rounds.q.assignedTo', { names: q.assignedTo.map((p) => p.name).join(', ') })}</span>
        )}
      </div>
      {asking && !facilitator && !q.mine && (
        <div
          className={styles.row}
          role="group"
          aria-label={t('rounds.q.voteOn', { text: q.text.slice(0, 60) })}
        >
          <ToggleButton size="small" checked={q.myVote === 1} disabled={busy} onClick={() => vote(1)}>
            {t('rounds.q.up')}
          </ToggleButton>
          <ToggleButton size="small" checked={q.myVote === -1} disabled={busy} onClick={() => vote(-1)}>
            {t('rounds.q.down')}
          </ToggleButton>
        </div>
      )}
      {q.answers.length > 0 && (
        <ul className={styles.answers} aria-label={t('rounds.q.answers')}>
          {q.answers.map((a) => (
            <li key={a.id} data-testid="peer-answer">
              <Text className={styles.text}>{a.text}</Text>
              <div className={`${styles.row} ${styles.meta}`}>
                <span>
                  {a.mine
                    ? t('rounds.q.byYou')
                    : a.byFacilitator
                      ? t('rounds.a.byFacilitator')
                      : // Answers carry no anonymity flag: a facilitator's screen names no answerer unless asked.
                        a.author && (shown || !facilitator)
                        ? t('rounds.a.by', { name: a.author.name })
                        : t('rounds.q.anonymous')}
                </span>
                {a.endorsed && (
                  <Badge appearance="filled" color="success">
                    {t('rounds.a.endorsed')}
                  </Badge>
                )}
                <span>{t('rounds.a.helpful', { up: a.ratings.up, down: a.ratings.down })}</span>
                {answeringPhase && !facilitator && !a.mine && (
                  <>
                    <ToggleButton
                      size="small"
                      checked={a.myRating === 1}
                      disabled={busy || a.myRating === 1}
                      onClick={() => void send({ type: 'rate', answerId: a.id, value: 1 })}
                    >
                      {t('rounds.a.rateUp')}
                    </ToggleButton>
                    <ToggleButton
                      size="small"
                      checked={a.myRating === -1}
                      disabled={busy || a.myRating === -1}
                      onClick={() => void send({ type: 'rate', answerId: a.id, value: -1 })}
                    >
                      {t('rounds.a.rateDown')}
                    </ToggleButton>
                  </>
                )}
                {answeringPhase && facilitator && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => void send({ type: 'endorse', answerId: a.id, endorsed: !a.endorsed })}
                  >
                    {a.endorsed ? t('rounds.a.unendorse') : t('rounds.a.endorse')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canAnswer &&
        (answering || !facilitator ? (
          <TextForm
            label="rounds.a.label"
            submit="rounds.a.submit"
            maxLength={ROUND_LIMITS.peerAnswerTextMax}
            busy={busy}
            anonymous={facilitator || !view.allowAnonymous ? undefined : false}
            onSubmit={async (text, anonymous) => {
              const ok = await send({ type: 'answerQuestion', questionId: q.id, text, anonymous });
              if (ok) setAnswering(false);
              return ok;
            }}
          />
        ) : (
          <div>
            <Button size="small" onClick={() => setAnswering(true)}>
              {t('rounds.a.open')}
            </Button>
          </div>
        ))}
    </li>
  );
}
