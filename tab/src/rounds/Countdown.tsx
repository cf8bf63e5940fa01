import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { clock } from './format';

const useStyles = makeStyles({
  timer: { fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold },
  urgent: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Time left in the current phase, updated each second. It is a `timer` (not a live region): reading out
 * every second would drown everything else; phase changes are announced by the panel instead.
 */
export function Countdown({
  deadline,
  skewMs = 0,
  large = false,
}: {
  deadline: number | null;
  /** Service clock minus this device's clock. */
  skewMs?: number;
  large?: boolean;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  if (deadline === null) return null;
  const left = deadline - (now + skewMs);
  const text = left > 0 ? t('rounds.timeLeft', { time: clock(left) }) : t('rounds.timeUp');
  return (
    <Text
      role="timer"
      size={large ? 800 : 300}
      className={`${styles.timer} ${left > 0 && left < 10_000 ? styles.urgent : ''}`}
      data-testid="countdown"
    >
      {text}
    </Text>
  );
}
