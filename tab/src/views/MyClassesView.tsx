import { Button, MessageBar, MessageBarBody, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Class } from '../../../shared/contract/classes';
import { useSession } from '../auth/session';
import { CreateClassForm, JoinClassForm } from '../components/ClassForms';
import { ClassList } from '../components/ClassList';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useMyClasses } from '../hooks/useMyClasses';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Panel = 'none' | 'create' | 'join';

/** Home page: the caller's classes, creating one (facilitators) and joining one with a code. */
export default function MyClassesView() {
  const styles = useStyles();
  const { t } = useI18n();
  const { intent } = useSession();
  const { state, reload, loadMore, moreError, upsert } = useMyClasses();
  const [panel, setPanel] = useState<Panel>('none');
  const [notice, setNotice] = useState<string | null>(null);
  const canCreate = intent !== 'student';

  const handleDone = (kind: 'create' | 'join') => (cls: Class) => {
    upsert(cls);
    setPanel('none');
    setNotice(t(kind === 'create' ? 'classes.create.done' : 'classes.join.done', { name: cls.name }));
  };

  return (
    <>
      <Title2 as="h1">{t('classes.title')}</Title2>
      <div className={styles.actions}>
        {canCreate && (
          <Button
            appearance={panel === 'create' ? 'primary' : 'secondary'}
            aria-expanded={panel === 'create'}
            onClick={() => setPanel(panel === 'create' ? 'none' : 'create')}
          >
            {t('classes.create')}
          </Button>
        )}
        <Button
          appearance={panel === 'join' ? 'primary' : 'secondary'}
          aria-expanded={panel === 'join'}
          onClick={() => setPanel(panel === 'join' ? 'none' : 'join')}
        >
          {t('classes.join')}
        </Button>
      </div>
      {panel === 'create' && (
        <CreateClassForm onDone={handleDone('create')} onCancel={() => setPanel('none')} />
      )}
      {panel === 'join' && <JoinClassForm onDone={handleDone('join')} onCancel={() => setPanel('none')} />}
      <div role="status" aria-live="polite">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <section className={styles.section} aria-busy={state.status === 'loading'}>
        {state.status === 'loading' && <Loading label={t('classes.loading')} />}
        {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
        {state.status === 'ready' && state.data.items.length === 0 && (
          <EmptyState>{t(canCreate ? 'classes.empty.facilitator' : 'classes.empty.student')}</EmptyState>
        )}
        {state.status === 'ready' && state.data.items.length > 0 && (
          <ClassList
            classes={state.data.items}
            hasMore={state.data.nextCursor !== null}
            onLoadMore={loadMore}
          />
        )}
        {moreError !== null && <ErrorState error={moreError} onRetry={loadMore} />}
      </section>
    </>
  );
}
