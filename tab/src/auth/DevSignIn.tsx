import {
  Button,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import {
  DEV_PRESETS,
  INTENTS,
  userIdFromName,
  type DevIdentity,
  type DevSession,
  type Intent,
} from './devSession';
import { mintDevSession } from './tokenSources';

const useStyles = makeStyles({
  page: {
    boxSizing: 'border-box',
    maxWidth: '32rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  presets: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
});

interface Props {
  baseUrl: string;
  notice?: string | null;
  onSignedIn: (session: DevSession) => void;
}

/** Browser sign-in for development: the service mints a token for the chosen person (AUTH_MODE=dev). */
export default function DevSignIn({ baseUrl, notice, onSignedIn }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [tenantId, setTenantId] = useState('stoa-dev');
  const [userId, setUserId] = useState('');
  const [intent, setIntent] = useState<Intent>('facilitator');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<'name' | 'tenant' | null>(null);

  const signIn = async (who: DevIdentity) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await mintDevSession(baseUrl, who));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setMissing('name');
    if (!tenantId.trim()) return setMissing('tenant');
    setMissing(null);
    void signIn({
      name: name.trim(),
      tenantId: tenantId.trim(),
      userId: userId.trim() || userIdFromName(name),
      intent,
    });
  };

  return (
    <main className={styles.page} id="main">
      <Title2 as="h1">{t('signIn.title')}</Title2>
      <Text>{t('signIn.intro')}</Text>
      {notice && (
        <MessageBar intent="warning">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
      <section aria-labelledby="presets-heading">
        <Text as="h2" id="presets-heading" className={styles.legend} block>
          {t('signIn.presets')}
        </Text>
        <ul className={styles.presets}>
          {DEV_PRESETS.map((p) => (
            <li key={`${p.tenantId}/${p.userId}`}>
              <Button
                disabled={busy}
                onClick={() => void signIn(p)}
                title={t('signIn.presetHint', { tenant: p.tenantId, intent: t(`signIn.intent.${p.intent}`) })}
              >
                {p.name}
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <Card>
        <form className={styles.form} onSubmit={handleSubmit} noValidate>
          <Field
            label={t('signIn.name')}
            required
            validationMessage={
              missing === 'name' ? t('common.required', { field: t('signIn.name') }) : undefined
            }
          >
            <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="name" />
          </Field>
          <Field
            label={t('signIn.tenantId')}
            required
            validationMessage={
              missing === 'tenant' ? t('common.required', { field: t('signIn.tenantId') }) : undefined
            }
          >
            <Input value={tenantId} onChange={(_, d) => setTenantId(d.value)} />
          </Field>
          <Field label={t('signIn.userId')} hint={t('signIn.userIdHint')}>
            <Input
              value={userId}
              onChange={(_, d) => setUserId(d.value)}
              placeholder={userIdFromName(name)}
            />
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t('signIn.intent')}</legend>
            <RadioGroup value={intent} onChange={(_, d) => setIntent(d.value as Intent)}>
              {INTENTS.map((i) => (
                <Radio key={i} value={i} label={t(`signIn.intent.${i}`)} />
              ))}
            </RadioGroup>
          </fieldset>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </Button>
        </form>
      </Card>
    </main>
  );
}
