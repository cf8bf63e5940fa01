import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { QuestionRoundView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { tPlural } from '../rounds/format';

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  question: { fontSize: 'var(--stoa-stage-item)', lineHeight: 1.3, fontWeight: tokens.fontWeightSemibold },
  votes: { color: tokens.colorNeutralForeground2, fontSize: 'var(--stoa-stage-small)' },
  answer: {
    fontSize: 'var(--stoa-stage-small)',
    lineHeight: 1.35,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `4px solid ${tokens.colorPaletteGreenBorderActive}`,
  },
  answerLabel: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  none: { color: tokens.colorNeutralForeground2, fontSize: 'var(--stoa-stage-small)' },
});

/**
 * A question round's best questions with their endorsed answers, in stage type. Only what the room may
 * see: question and answer texts and votes, never who asked or answered.
 */
export function StageQuestions({ view, max }: { view: QuestionRoundView; max: number }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const questions = view.questions.filter((q) => q.duplicateOf === null).slice(0, max);
  if (questions.length === 0) return <Text className={styles.none}>{t('stage.noQuestions')}</Text>;
  return (
    <ol className={styles.list} aria-label={t('stage.topQuestions')} data-testid="stage-questions">
      {questions.map((q) => {
        const endorsed = q.answers.filter((a) => a.endorsed);
        return (
          <li key={q.id} className={styles.item}>
            <span className={styles.question}>{q.text}</span>
            <span className={styles.votes}>
              {tPlural(t, language, 'stage.votes', q.votes.up - q.votes.down)}
            </span>
            {endorsed.map((a) => (
              <span key={a.id} className={styles.answer} data-testid="stage-endorsed">
                <span className={styles.answerLabel}>{t('stage.endorsed')}: </span>
                {a.text}
              </span>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
