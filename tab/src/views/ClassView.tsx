import { Card, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { canFacilitate } from '../../../shared/contract/roles';
import type { ClassId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { SessionsPanel } from '../components/SessionsPanel';
import { ErrorState, Loading } from '../components/States';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/I18nProvider';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { RouterLink, pathWith } from '../router/router';
import PlaceholderView from './PlaceholderView';
import type { Class } from '../../../shared/contract/classes';
import { StoaApiError } from '../../../shared/client/errors';
import type { TabApi } from '../api/tabApi';
import { conversationOf } from '../config/tabConfig';
import { JoinQr } from '../join/JoinQr';
import { PeoplePanel } from '../people/PeoplePanel';
import type { TeamsInfo } from '../teams/teamsHost';
import { LIMITS } from '../../../shared/contract/limits';

const useStyles = makeStyles({
  meta: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere', minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground2 },
});

/**
 * The class, or, inside Teams, the class of this conversation joined on the spot: a member of the team,
 * chat or meeting who opens the tab first is in as a student once Teams confirms it (the service asks).
 */
async function loadClass(api: TabApi, classId: ClassId, teams: TeamsInfo | null): Promise<Class> {
  try {
    return await api.call('getClass', { params: { classId } });
  } catch (err) {
    const conversation = conversationOf(teams);
    if (!(err instanceof StoaApiError) || err.id !== 'not_found' || !conversation) throw err;
    const name = (teams?.teamName?.trim() || 'Stoa').slice(0, LIMITS.classNameMax);
    const { class: cls } = await api.call('ensureClass', { body: { name, conversation } });
    if (cls.id !== classId) throw err;
    return cls;
  }
}

/** One class: name, the caller's role, the join details for facilitators, and its sessions. */
export default function ClassView({ classId }: { classId: string | null }) {
  if (!classId) return <PlaceholderView titleKey="class.missingId" />;
  return <ClassDetails classId={classId as ClassId} />;
}

function ClassDetails({ classId }: { classId: ClassId }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, teams } = useSession();
  const { state, reload } = useLoad(() => loadClass(api, classId, teams), classId);

  if (state.status === 'loading') return <Loading label={t('class.loading')} />;
  if (state.status === 'error')
    return (
      <>
        <RouterLink to="/">{t('class.back')}</RouterLink>
        <ErrorState error={state.error} onRetry={reload} />
      </>
    );
  const cls = state.data;
  const facilitator = canFacilitate(cls.myRole);
  return (
    <>
      <RouterLink to="/">{t('class.back')}</RouterLink>
      <Title2 as="h1">{cls.name}</Title2>
      <Text data-testid="my-role">{t('class.role', { role: t(`role.${cls.myRole}`) })}</Text>
      {facilitator && <JoinQr classId={cls.id} className={cls.name} />}
      {facilitator && cls.joinCode && (
        <Card>
          <dl className={styles.meta}>
            <dt className={styles.term}>{t('class.id')}</dt>
            <dd className={styles.value} data-testid="class-id">
              {cls.id}
            </dd>
            <dt className={styles.term}>{t('class.joinCode')}</dt>
            <dd className={styles.value} data-testid="join-code">
              {cls.joinCode}
            </dd>
          </dl>
          <Text size={200} className={styles.hint}>
            {t('class.shareHint')}
          </Text>
        </Card>
      )}
      {facilitator && (
        <RouterLink to={pathWith(TAB_ROUTES.channel, { classId: cls.id, view: 'dashboard' })}>
          {t('dashboard.open')}
        </RouterLink>
      )}
      <SessionsPanel classId={cls.id} canFacilitate={facilitator} />
      {facilitator && <PeoplePanel classId={cls.id} myRole={cls.myRole} />}
    </>
  );
}
