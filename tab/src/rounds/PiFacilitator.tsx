import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { pct } from './format';
import { PiResults } from './PiResults';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  groups: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** What a facilitator sees of a Peer Instruction round: counts, the gate's advice, groups, live results. */
export function PiFacilitator({ view, compact }: { view: PiView; compact: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  const gating = view.gating;
  return (
    <div className={styles.root}>
      <Text data-testid="answer-counts">
        {t('rounds.counts.pi', { answered: view.answeredCount, revoted: view.revotedCount })}
      </Text>
      {gating && (view.phase === 'gate' || view.phase === 'discussion') && (
        <MessageBar intent={gating.recommendation === 'discuss' ? 'info' : 'warning'} data-testid="gating">
          <MessageBarBody>
            <MessageBarTitle>{t(`rounds.gating.${gating.recommendation}`)}</MessageBarTitle>
            {t('rounds.gating.share', {
              share: pct(gating.shareCorrect),
              correct: gating.correct,
              answered: gating.answered,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {view.groups && view.groups.length > 0 && (
        <section aria-label={t('rounds.groups')}>
          <Text weight="semibold">{t('rounds.groups')}</Text>
          <ol className={styles.groups} data-testid="groups">
            {view.groups.map((g, i) => (
              <li key={i}>{g.members.map((m) => m.name || t('rounds.unnamed')).join(', ')}</li>
            ))}
          </ol>
        </section>
      )}
      {view.results && view.answeredCount > 0 && <PiResults results={view.results} compact={compact} />}
    </div>
  );
}
