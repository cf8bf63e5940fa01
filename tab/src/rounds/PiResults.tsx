import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PiAnalytics } from '../../../shared/contract/rounds/analyticsSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { ConfidenceShift } from './charts/ConfidenceShift';
import { DistributionChart } from './charts/DistributionChart';
import { SwitchMatrix } from './charts/SwitchMatrix';
import { optionLetter, pct } from './format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  line: { display: 'block' },
});

/** The results of a Peer Instruction round: distributions before and after, switches, confidence. */
export function PiResults({ results, compact = false }: { results: PiAnalytics; compact?: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { before, after, correctOption } = results;
  return (
    <section className={styles.root} aria-label={t('rounds.results')} data-testid="pi-results">
      {correctOption !== null && (
        <Text weight="semibold" className={styles.line}>
          {t('rounds.correctAnswer', { option: optionLetter(correctOption) })}
        </Text>
      )}
      <DistributionChart
        options={results.options}
        before={before}
        after={after}
        correctOption={correctOption}
      />
      {correctOption !== null && (
        <Text className={styles.line}>
          {after
            ? t('rounds.shareCorrect.beforeAfter', {
                before: pct(before.shareCorrect),
                after: pct(after.shareCorrect),
              })
            : t('rounds.shareCorrect.before', { before: pct(before.shareCorrect) })}
        </Text>
      )}
      {results.normalizedChange !== null && (
        <Text className={styles.line}>
          {t('rounds.normalizedChange', { value: results.normalizedChange.toFixed(2) })}
        </Text>
      )}
      {!compact && results.switches && <SwitchMatrix matrix={results.switches} />}
      {!compact && (
        <ConfidenceShift
          before={results.confidenceBefore}
          after={results.confidenceAfter}
          shift={results.confidenceShift}
        />
      )}
    </section>
  );
}
