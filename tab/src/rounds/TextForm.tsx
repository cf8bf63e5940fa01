import { Button, Checkbox, Field, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface Props {
  label: MessageKey;
  submit: MessageKey;
  maxLength: number;
  busy: boolean;
  /** Offer "anonymous to classmates"; its initial value. Omit when the round does not allow it. */
  anonymous?: boolean;
  anonymousLabel?: MessageKey;
  /** Resolves true when the text was accepted, which clears the field. */
  onSubmit: (text: string, anonymous: boolean) => Promise<boolean>;
}

/** A text (question, answer, muddiest point) with an optional anonymity choice. */
export function TextForm({ label, submit, maxLength, busy, anonymous, anonymousLabel, onSubmit }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [anon, setAnon] = useState(anonymous ?? false);
  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    if (await onSubmit(text.trim(), anonymous !== undefined && anon)) setText('');
  };
  return (
    <form className={styles.form} onSubmit={handleSubmit}>
      <Field label={t(label)}>
        <Textarea
          value={text}
          maxLength={maxLength}
          onChange={(_, d) => setText(d.value)}
          resize="vertical"
        />
      </Field>
      <div className={styles.row}>
        {anonymous !== undefined && (
          <Checkbox
            checked={anon}
            onChange={(_, d) => setAnon(d.checked === true)}
            label={t(anonymousLabel ?? 'rounds.anonymous')}
          />
        )}
        <Button type="submit" appearance="primary" disabled={busy || !text.trim()}>
          {t(submit)}
        </Button>
      </div>
    </form>
  );
}
