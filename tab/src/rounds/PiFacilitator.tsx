import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { lowParticipation } from '../../../shared/contract/rounds/participation';
import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import { usePrivateDetails } from '../privacy/PrivateDetails';
import { pct } from './format';
import { PiResults } from './PiResults';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  groups: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  note: { color: tokens.colorNeutralForeground2 },
});

/** Results may be on screen once the class has seen them too. */
export const revealedPhase = (phase: PiView['phase']) => phase === 'revealed' || phase === 'ended';

/** The students the round knows of: the roster it was started with, or everyone who has acted. */
function eligibleOf(view: PiView): number | null {
  return view.results?.participation.eligible ?? view.students?.length ?? null;
}

/**
 * What a facilitator sees of a Peer Instruction round: counts and the gate's advice always; the live
 * distribution, the share correct and who is in which group only after the reveal or behind the switch,
 * because lecturers share this screen with the class.
 */
export function PiFacilitator({ view, compact }: { view: PiView; compact: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { shown } = usePrivateDetails();
  const open = shown || revealedPhase(view.phase);
  const gating = view.gating;
  const low = gating ? lowParticipation(gating.answered, eligibleOf(view)) : null;
  return (
    <div className={styles.root}>
      <Text data-testid="answer-counts">
        {t('rounds.counts.pi', { answered: view.answeredCount, revoted: view.revotedCount })}
      </Text>
      {gating && (view.phase === 'gate' || view.phase === 'discussion') && (
        <MessageBar
          intent={low ? 'warning' : gating.recommendation === 'discuss' ? 'info' : 'warning'}
          data-testid="gating"
        >
          <MessageBarBody>
            <MessageBarTitle>{t(`rounds.gating.${gating.recommendation}`)}</MessageBarTitle>
            {open &&
              t('rounds.gating.share', {
                share: pct(gating.shareCorrect),
                correct: gating.correct,
                answered: gating.answered,
              })}
            {low && (
              <Text as="p" block data-testid="low-participation">
                {t('participation.low', low)}
              </Text>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {view.groups && view.groups.length > 0 && (
        <section aria-label={t('rounds.groups')}>
          <Text weight="semibold">{t('rounds.groups')}</Text>
          {open ? (
            <ol className={styles.groups} data-testid="groups">
              {view.groups.map((g, i) => (
                <li key={i}>{g.members.map((m) => m.name || t('rounds.unnamed')).join(', ')}</li>
              ))}
            </ol>
          ) : (
            <Text as="p" block className={styles.note}>
              {t('privacy.groupsCount', { count: view.groups.length })}
            </Text>
          )}
        </section>
      )}
      {view.results &&
        view.answeredCount > 0 &&
        (open ? (
          <PiResults results={view.results} compact={compact} />
        ) : (
          <Text className={styles.note} data-testid="results-hidden">
            {t('privacy.hiddenResults')}
          </Text>
        ))}
    </div>
  );
}
