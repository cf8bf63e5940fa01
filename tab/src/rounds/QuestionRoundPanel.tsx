import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { QuestionRoundView } from '../../../shared/contract/rounds/viewSchemas';
import { EmptyState } from '../components/States';
import { useI18n } from '../i18n/I18nProvider';
import { tPlural } from './format';
import { QuestionItem } from './QuestionItem';
import { TextForm } from './TextForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  note: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  view: QuestionRoundView;
  facilitator: boolean;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/** A question round: ask and vote while asking, answer assigned questions and rate answers afterwards. */
export function QuestionRoundPanel({ view, facilitator, busy, send }: Props) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const distinct = view.questions.filter((q) => q.duplicateOf === null);
  const merged = view.questions.length - distinct.length;
  const mineCount = view.questions.filter((q) => q.mine).length;
  const canAsk = !facilitator && view.phase === 'asking' && mineCount < ROUND_LIMITS.questionsPerStudentMax;
  return (
    <div className={styles.root}>
      {canAsk && (
        <TextForm
          label="rounds.q.label"
          submit="rounds.q.submit"
          maxLength={ROUND_LIMITS.questionTextMax}
          busy={busy}
          anonymous={view.allowAnonymous ? false : undefined}
          anonymousLabel="rounds.q.anonymousChoice"
          onSubmit={(text, anonymous) => send({ type: 'ask', text, anonymous })}
        />
      )}
      {!facilitator && view.phase === 'answering' && view.myAssignments.length > 0 && (
        <Text weight="semibold">
          {tPlural(t, language, 'rounds.q.youAreAssigned', view.myAssignments.length)}
        </Text>
      )}
      {distinct.length === 0 ? (
        <EmptyState>{t('rounds.q.empty')}</EmptyState>
      ) : (
        <ol className={styles.list} aria-label={t('rounds.q.list')} data-testid="question-list">
          {distinct.map((q) => (
            <QuestionItem
              key={q.id}
              view={view}
              question={q}
              facilitator={facilitator}
              busy={busy}
              send={send}
            />
          ))}
        </ol>
      )}
      {merged > 0 && <Text className={styles.note}>{t('rounds.q.merged', { count: merged })}</Text>}
    </div>
  );
}
