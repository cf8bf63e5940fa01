import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { canFacilitate, type Class } from '../../../shared/contract/classes';
import { StoaApiError } from '../../../shared/client/errors';
import { LIMITS } from '../../../shared/contract/limits';
import { useSession } from '../auth/session';
import { ErrorState } from '../components/States';
import { useMyClasses } from '../hooks/useMyClasses';
import { useI18n } from '../i18n/I18nProvider';
import { RouterLink } from '../router/router';
import { useTeamsHost } from '../teams/hostContext';
import {
  TAB_VIEWS,
  buildTabConfig,
  conversationOf,
  tabPath,
  type ConversationPlace,
  type TabView,
} from './tabConfig';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  url: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Source = 'conversation' | 'new' | 'existing';

/**
 * The configurable tab's page (Teams' `settings` frame): create or link the class of this team, chat or
 * meeting (or pick another of the caller's classes), choose what the tab shows, and let Teams save it.
 * In a plain browser the same page shows the address Teams would open.
 */
export default function ConfigView() {
  const styles = useStyles();
  const { t } = useI18n();
  const { api, teams } = useSession();
  const host = useTeamsHost();
  const conversation = useMemo(() => conversationOf(teams), [teams]);
  const place = conversation?.kind as ConversationPlace | undefined;
  const { state: classes } = useMyClasses();
  const [source, setSource] = useState<Source>(conversation ? 'conversation' : 'new');
  const [name, setName] = useState(teams?.teamName ?? '');
  const [existingId, setExistingId] = useState('');
  const [view, setView] = useState<TabView>('class');
  const [prepared, setPrepared] = useState<Class | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const facilitated =
    classes.status === 'ready' ? classes.data.items.filter((c) => canFacilitate(c.myRole)) : [];
  const chosen = source === 'existing' ? (facilitated.find((c) => c.id === existingId) ?? null) : prepared;
  const dashboardLabel = t('dashboard.title');

  // Teams' Save button follows the page: enabled once a class is chosen, saving the latest choice.
  const latest = useRef({ chosen, view, dashboardLabel });
  useEffect(() => {
    latest.current = { chosen, view, dashboardLabel };
    host?.config.setValidity(chosen !== null);
  }, [chosen, view, dashboardLabel, host]);
  useEffect(() => {
    host?.config.onSave(async () => {
      const { chosen: cls, view: v, dashboardLabel: label } = latest.current;
      if (!cls) throw new Error('no class chosen');
      return buildTabConfig(window.location.origin, cls, v, label);
    });
  }, [host]);

  const handlePrepare = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setMissing(true);
    setMissing(false);
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (source === 'conversation' && conversation) {
        const res = await api.call('ensureClass', { body: { name: name.trim(), conversation } });
        setPrepared(res.class);
        if (res.joined) setNotice(t('config.joined', { name: res.class.name }));
      } else {
        setPrepared(await api.call('createClass', { body: { name: name.trim() } }));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const changeSource = (next: Source) => {
    setSource(next);
    setPrepared(null);
    setError(null);
    setNotice(null);
  };

  const placeName = place ? t(`config.place.${place}`) : '';
  const notMember = error instanceof StoaApiError && error.id === 'not_a_member';

  return (
    <>
      <Title2 as="h1">{t('config.title')}</Title2>
      <Text>{t('config.intro')}</Text>
      <form className={styles.form} onSubmit={(e) => void handlePrepare(e)} noValidate>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('config.source')}</legend>
          <RadioGroup value={source} onChange={(_, d) => changeSource(d.value as Source)}>
            {conversation && (
              <Radio value="conversation" label={t('config.source.conversation', { place: placeName })} />
            )}
            <Radio value="new" label={t('config.source.new')} />
            <Radio value="existing" label={t('config.source.existing')} />
          </RadioGroup>
        </fieldset>

        {source === 'existing' ? (
          facilitated.length > 0 || classes.status !== 'ready' ? (
            <Field label={t('config.existing')}>
              <Select value={existingId} onChange={(_, d) => setExistingId(d.value)}>
                <option value="">—</option>
                {facilitated.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Text>{t('config.noClasses')}</Text>
          )
        ) : (
          <>
            <Field
              label={t('config.className')}
              required
              validationMessage={missing ? t('common.required', { field: t('config.className') }) : undefined}
            >
              <Input
                value={name}
                maxLength={LIMITS.classNameMax}
                onChange={(_, d) => {
                  setName(d.value);
                  setPrepared(null);
                }}
              />
            </Field>
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? t('config.busy') : t('config.prepare')}
              </Button>
            </div>
          </>
        )}

        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('config.view')}</legend>
          <RadioGroup value={view} onChange={(_, d) => setView(d.value as TabView)}>
            {TAB_VIEWS.map((v) => (
              <Radio key={v} value={v} label={t(`config.view.${v}`)} />
            ))}
          </RadioGroup>
        </fieldset>
      </form>

      {classes.status === 'error' && source === 'existing' && <ErrorState error={classes.error} />}
      {error !== null &&
        (notMember ? (
          <MessageBar intent="warning" role="alert">
            <MessageBarBody>{t('config.notMember', { place: placeName })}</MessageBarBody>
          </MessageBar>
        ) : (
          <ErrorState error={error} />
        ))}
      <div role="status" aria-live="polite">
        {notice && (
          <MessageBar intent="info">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {chosen && (
          <MessageBar intent="success" data-testid="config-ready">
            <MessageBarBody>
              {host ? (
                t('config.ready', { name: chosen.name })
              ) : (
                <>
                  {t('config.readyBrowser', { name: chosen.name })}{' '}
                  <span className={styles.url} data-testid="config-url">
                    {buildTabConfig(window.location.origin, chosen, view, dashboardLabel).contentUrl}
                  </span>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {chosen && !host && <RouterLink to={tabPath(chosen.id, view)}>{t('config.open')}</RouterLink>}
    </>
  );
}
