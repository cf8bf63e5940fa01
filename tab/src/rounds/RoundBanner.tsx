import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nProvider';
import { ANSWER_SHEET_ID, type RoundBannerInfo } from './banner';
import { Countdown } from './Countdown';
import { kindKey, phaseKey } from './format';

const useStyles = makeStyles({
  root: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    boxShadow: tokens.shadow8,
  },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: '10rem' },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
});

/** Moves to the round's answer form and puts the cursor in it: one tap from anywhere in the notes. */
function openAnswerSheet() {
  const sheet = document.getElementById(ANSWER_SHEET_ID);
  if (!sheet) return;
  sheet.scrollIntoView({ block: 'start', behavior: 'smooth' });
  const field = sheet.querySelector<HTMLElement>('input, textarea, button:not([disabled])');
  (field ?? sheet).focus({ preventScroll: true });
}

/**
 * The strip at the top of a student's page while a round runs: what runs, the time left and, while they
 * still have something to send, "Answer now". Sticky, so a student deep in the notes still sees it.
 */
export function RoundBanner({ info, clockSkewMs }: { info: RoundBannerInfo; clockSkewMs: number }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <div className={styles.root} data-testid="round-banner" data-print="hide">
      <div className={styles.text}>
        <Text className={styles.title}>
          {t('banner.running', { kind: t(kindKey(info.kind)), phase: t(phaseKey(info.phase)) })}
        </Text>
        <Countdown deadline={info.deadline} skewMs={clockSkewMs} />
      </div>
      <Button
        appearance={info.actionNeeded ? 'primary' : 'secondary'}
        size="large"
        onClick={openAnswerSheet}
        data-testid="banner-answer"
      >
        {info.actionNeeded ? t('banner.answerNow') : t('banner.open')}
      </Button>
    </div>
  );
}
