import { Text, Title2 } from '@fluentui/react-components';
import { ClassList } from '../components/ClassList';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useMyClasses } from '../hooks/useMyClasses';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A titled page for surfaces that are still being built (configuration, side panel, stage,
 * personal tab), with a class picker so the route is useful meanwhile.
 */
export default function PlaceholderView({ titleKey }: { titleKey: MessageKey }) {
  const { t } = useI18n();
  const { state, reload, loadMore, moreError } = useMyClasses();
  return (
    <>
      <Title2 as="h1">{t(titleKey)}</Title2>
      <Text>{t('placeholder.body')}</Text>
      {state.status === 'loading' && <Loading label={t('classes.loading')} />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.data.items.length === 0 && (
        <EmptyState>{t('classes.empty.facilitator')}</EmptyState>
      )}
      {state.status === 'ready' && state.data.items.length > 0 && (
        <ClassList
          classes={state.data.items}
          hasMore={state.data.nextCursor !== null}
          onLoadMore={loadMore}
        />
      )}
      {moreError !== null && <ErrorState error={moreError} onRetry={loadMore} />}
    </>
  );
}
