import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Class } from '../../../shared/contract/classes';
import { LIMITS } from '../../../shared/contract/limits';
import { useSession } from '../auth/session';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  field: { flex: '1 1 12rem', minWidth: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  error: { flexBasis: '100%' },
});

interface FormProps {
  onDone: (cls: Class) => void;
  onCancel: () => void;
}

/** Creates a class; the caller becomes its owner. */
export function CreateClassForm({ onDone, onCancel }: FormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);
  const missing = touched && !name.trim();

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await api.call('createClass', { body: { name: name.trim() } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label={t('classes.create')}>
      <Field
        className={styles.field}
        label={t('classes.create.name')}
        required
        validationMessage={missing ? t('common.required', { field: t('classes.create.name') }) : undefined}
      >
        <Input value={name} maxLength={LIMITS.classNameMax} onChange={(_, d) => setName(d.value)} autoFocus />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? t('classes.busy') : t('classes.create.submit')}
        </Button>
        <Button onClick={onCancel}>{t('classes.cancel')}</Button>
      </div>
      {error !== null && (
        <MessageBar intent="error" role="alert" className={styles.error}>
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}

/** Joins a class as a student with the class id and join code its facilitator shares. */
export function JoinClassForm({ onDone, onCancel }: FormProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [classId, setClassId] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!classId.trim() || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const cls = await api.call('joinClass', {
        params: { classId: classId.trim() },
        body: { joinCode: code.trim().toUpperCase() },
      });
      onDone(cls);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = (value: string, label: string) =>
    touched && !value.trim() ? t('common.required', { field: label }) : undefined;

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label={t('classes.join')}>
      <Field
        className={styles.field}
        label={t('classes.join.classId')}
        required
        validationMessage={required(classId, t('classes.join.classId'))}
      >
        <Input value={classId} onChange={(_, d) => setClassId(d.value)} autoFocus autoComplete="off" />
      </Field>
      <Field
        className={styles.field}
        label={t('classes.join.code')}
        required
        validationMessage={required(code, t('classes.join.code'))}
      >
        <Input value={code} onChange={(_, d) => setCode(d.value)} autoComplete="off" maxLength={32} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? t('classes.busy') : t('classes.join.submit')}
        </Button>
        <Button onClick={onCancel}>{t('classes.cancel')}</Button>
      </div>
      {error !== null && (
        <MessageBar intent="error" role="alert" className={styles.error}>
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
