import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Class } from '../../../shared/contract/classes';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink, pathWith } from '../router/router';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  name: { fontSize: tokens.fontSizeBase400, overflowWrap: 'anywhere', minWidth: 0 },
});

/** Link to a class's page. */
export function classPath(id: string): string {
  return pathWith(TAB_ROUTES.channel, { classId: id });
}

interface Props {
  classes: Class[];
  hasMore: boolean;
  onLoadMore: () => void;
}

/** The caller's classes as links, each with the caller's role. */
export function ClassList({ classes, hasMore, onLoadMore }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <>
      <ul className={styles.list} aria-label={t('classes.listLabel')} data-testid="class-list">
        {classes.map((c) => (
          <li key={c.id} className={styles.item}>
            <RouterLink to={classPath(c.id)} className={styles.name}>
              {c.name}
            </RouterLink>
            <Badge appearance="tint" color={c.myRole === 'student' ? 'informative' : 'brand'}>
              {t(`role.${c.myRole}`)}
            </Badge>
          </li>
        ))}
      </ul>
      {hasMore && (
        <div>
          <Button onClick={onLoadMore}>{t('classes.loadMore')}</Button>
        </div>
      )}
    </>
  );
}
