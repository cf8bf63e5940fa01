import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { ThrottledAwareness } from './collab/throttledAwareness';
import { presentPeople, type Person } from './presence';

/** People shown by name; the rest are counted (a lecture hall does not fit in a side panel). */
const SHOWN = 8;

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontSize: tokens.fontSizeBase200,
  },
  person: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '12rem' },
  activity: { color: tokens.colorNeutralForeground2 },
});

function usePeople(awareness: ThrottledAwareness | null, selfUserId: string): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    let frame = 0;
    const read = () => {
      const people = presentPeople(awareness.getStates(), awareness.clientID, selfUserId);
      setPeople(people);
      // Carets take their colour from each person's own state: publish the colour assigned among the
      // people present, so carets are as distinct as the list.
      const mine = people.find((p) => p.self)?.color;
      const user = awareness.getLocalState()?.user as Record<string, unknown> | undefined;
      if (mine && user && user.color !== mine) awareness.setLocalStateField('user', { ...user, color: mine });
    };
    // Presence of a whole class changes often; one read per frame is plenty.
    const handleChange = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        read();
      });
    };
    read();
    awareness.on('change', handleChange);
    return () => {
      cancelAnimationFrame(frame);
      awareness.off('change', handleChange);
    };
  }, [awareness, selfUserId]);
  return people;
}

/** Who has the note open, in their caret colour, with what they are doing. */
export function PresenceList({
  awareness,
  selfUserId,
}: {
  awareness: ThrottledAwareness | null;
  selfUserId: string;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const people = usePeople(awareness, selfUserId);
  const shown = people.slice(0, SHOWN);
  return (
    <ul className={styles.list} aria-label={t('notes.presence.label')} data-testid="presence">
      {shown.map((p) => (
        <li key={p.key} className={styles.person}>
          <span className={styles.dot} style={{ backgroundColor: p.color }} aria-hidden />
          <span className={styles.name}>{p.self ? t('notes.presence.you', { name: p.name }) : p.name}</span>
          <span className={styles.activity}>{t(`notes.presence.${p.activity}`)}</span>
        </li>
      ))}
      {people.length > SHOWN && <li>{t('notes.presence.more', { count: people.length - SHOWN })}</li>}
    </ul>
  );
}
