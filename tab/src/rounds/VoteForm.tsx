import { Button, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import type { Confidence } from '../../../shared/contract/rounds/state';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n';
import { optionLetter } from './format';

const CONFIDENCE: { value: Confidence; label: MessageKey }[] = [
  { value: 'low', label: 'rounds.confidence.low' },
  { value: 'medium', label: 'rounds.confidence.medium' },
  { value: 'high', label: 'rounds.confidence.high' },
];

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  options: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  option: { justifyContent: 'flex-start', textAlign: 'left', whiteSpace: 'normal', height: 'auto' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXXS },
});

interface Props {
  options: readonly string[];
  busy: boolean;
  submitLabel: MessageKey;
  onSubmit: (option: number, confidence: Confidence) => void;
}

/**
 * An answer with its confidence. Options and confidence are toggle buttons, one tab stop each, so the
 * whole vote works with Tab and Space or Enter alone (a radio group would need the arrow keys).
 */
export function VoteForm({ options, busy, submitLabel, onSubmit }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const optionsId = useId();
  const confidenceId = useId();
  const [option, setOption] = useState<number | null>(null);
  const [confidence, setConfidence] = useState<Confidence | null>(null);

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (option !== null && confidence !== null) onSubmit(option, confidence);
  };

  return (
    <form className={styles.form} onSubmit={handleSubmit} data-testid="vote-form">
      <div role="group" aria-labelledby={optionsId} className={styles.options}>
        <div id={optionsId} className={styles.legend}>
          {t('rounds.vote.choose')}
        </div>
        {options.map((text, i) => (
          <ToggleButton
            key={i}
            className={styles.option}
            checked={option === i}
            onClick={() => setOption(i)}
            appearance={option === i ? 'primary' : 'secondary'}
          >
            {`${optionLetter(i)}. ${text}`}
          </ToggleButton>
        ))}
      </div>
      <div role="group" aria-labelledby={confidenceId}>
        <div id={confidenceId} className={styles.legend}>
          {t('rounds.confidence.label')}
        </div>
        <div className={styles.row}>
          {CONFIDENCE.map((c) => (
            <ToggleButton
              key={c.value}
              checked={confidence === c.value}
              onClick={() => setConfidence(c.value)}
              appearance={confidence === c.value ? 'primary' : 'secondary'}
            >
              {t(c.label)}
            </ToggleButton>
          ))}
        </div>
      </div>
      <Button type="submit" appearance="primary" disabled={busy || option === null || confidence === null}>
        {t(submitLabel)}
      </Button>
    </form>
  );
}
