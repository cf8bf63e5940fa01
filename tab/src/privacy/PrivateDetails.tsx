import { Switch, makeStyles, tokens } from '@fluentui/react-components';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Whether this facilitator has asked to see private details (anonymous authors, who flagged, live results,
 * the correct answer). Lecturers share their screen all day, so the default is off; the state lives in
 * memory only, so a reload turns it off again, and the round panel turns it off when a new round starts.
 */
interface PrivateDetails {
  shown: boolean;
  setShown: (shown: boolean) => void;
}

const Context = createContext<PrivateDetails>({ shown: false, setShown: () => undefined });

/** Holds the switch for everything below it (the notes and the round panel of one session page). */
export function PrivateDetailsProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  const value = useMemo(() => ({ shown, setShown }), [shown]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The switch's state; off where no provider is (students' pages never need it). */
export function usePrivateDetails(): PrivateDetails {
  return useContext(Context);
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingLeft: '44px' },
});

/** "Show private details", for facilitators: says what it shows so nobody turns it on while presenting. */
export function PrivateDetailsSwitch() {
  const styles = useStyles();
  const { t } = useI18n();
  const { shown, setShown } = usePrivateDetails();
  return (
    <div className={styles.root}>
      <Switch
        checked={shown}
        onChange={(_, d) => setShown(d.checked)}
        label={t('privacy.switch')}
        data-testid="private-details"
        aria-describedby="stoa-private-hint"
      />
      <span id="stoa-private-hint" className={styles.hint}>
        {shown ? t('privacy.on') : t('privacy.off')}
      </span>
    </div>
  );
}
