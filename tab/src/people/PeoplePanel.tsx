import { Badge, Button, Card, Select, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Member, Role } from '../../../shared/contract/classes';
import type { ClassId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', flex: '1 1 12rem', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  source: { color: tokens.colorNeutralForeground2 },
  select: { minWidth: '10rem' },
});

const BADGE: Record<Role, 'brand' | 'informative' | 'subtle'> = {
  owner: 'brand',
  facilitator: 'informative',
  student: 'subtle',
};

/**
 * The class's people with their roles, for facilitators: where a role came from (Teams, and why, or a
 * person), and a role picker. Facilitators make facilitators and students; only owners touch ownership
 * (the service refuses otherwise, and the picker does not offer it). Every change is audited by the service.
 */
export function PeoplePanel({ classId, myRole }: { classId: ClassId; myRole: Role }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [extra, setExtra] = useState<Member[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [myUserId, setMyUserId] = useState<string | null>(null);
  const { state, setState } = useLoad(async () => {
    const [page, me] = await Promise.all([
      api.call('listMembers', { params: { classId }, query: { limit: 100 } }),
      api.call('getMe', {}),
    ]);
    setExtra([]);
    setCursor(page.nextCursor);
    setMyUserId(me.userId);
    return page.items;
  }, classId);

  if (state.status === 'loading') return <Loading label={t('people.loading')} />;
  if (state.status === 'error') return <ErrorState error={state.error} />;
  const members = [...state.data, ...extra];

  const handleMore = async () => {
    if (!cursor) return;
    const page = await api.call('listMembers', { params: { classId }, query: { limit: 100, cursor } });
    setExtra((e) => [...e, ...page.items]);
    setCursor(page.nextCursor);
  };

  const handleRole = async (m: Member, role: Role) => {
    setError(null);
    try {
      const updated = await api.call('setMemberRole', {
        params: { classId, userId: m.userId },
        body: { role },
      });
      const swap = (list: Member[]) => list.map((x) => (x.userId === m.userId ? updated : x));
      setState({ status: 'ready', data: swap(state.data) });
      setExtra(swap);
      setNotice(t('people.changed', { name: m.name, role: t(`role.${role}`) }));
    } catch (err) {
      setError(err);
    }
  };

  const options = (m: Member): Role[] => {
    if (myRole === 'owner') return ['owner', 'facilitator', 'student'];
    // A facilitator cannot touch an owner, nor make one.
    return m.role === 'owner' ? [] : ['facilitator', 'student'];
  };

  return (
    <Card className={styles.card} data-testid="people">
      <Title3 as="h2">{t('people.title')}</Title3>
      <Text size={200} className={styles.source}>
        {t('people.count', { count: members.length + (cursor ? '+' : '') })}
      </Text>
      <ul className={styles.list}>
        {members.map((m) => {
          const choices = options(m);
          return (
            <li key={m.userId} className={styles.row} data-testid="person">
              <div className={styles.who}>
                <Text className={styles.name}>
                  {m.name} {m.userId === myUserId ? t('people.you') : ''}
                </Text>
                <Text size={200} className={styles.source}>
                  {m.source === 'teams' && m.teamsBasis
                    ? t('people.fromTeams', { basis: t(`basis.${m.teamsBasis}`) })
                    : t('people.granted')}
                </Text>
              </div>
              <Badge appearance="tint" color={BADGE[m.role]}>
                {t(`role.${m.role}`)}
              </Badge>
              {choices.length > 0 && (
                <Select
                  className={styles.select}
                  aria-label={t('people.roleOf', { name: m.name })}
                  value={m.role}
                  onChange={(_, d) => void handleRole(m, d.value as Role)}
                >
                  {choices.map((r) => (
                    <option key={r} value={r}>
                      {t(`role.${r}`)}
                    </option>
                  ))}
                </Select>
              )}
            </li>
          );
        })}
      </ul>
      {cursor && <Button onClick={() => void handleMore()}>{t('people.more')}</Button>}
      {error !== null && <ErrorState error={error} />}
      <div role="status" aria-live="polite">
        {notice && <Text size={200}>{notice}</Text>}
      </div>
    </Card>
  );
}
