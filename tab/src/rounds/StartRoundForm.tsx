import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { RoundCreateInput } from '../../../shared/contract/rounds/create';
import { defaultMuddyPrompt } from '../../../shared/contract/rounds/prompts';
import { ROUND_LIMITS } from '../../../shared/contract/rounds/limits';
import { ROUND_KINDS, type RoundKind } from '../../../shared/contract/rounds/phaseRules';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { ClassId, SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';
import { describeError } from '../errors';
import { useI18n } from '../i18n/I18nProvider';
import { kindKey, optionLetter } from './format';
import { loadRoster } from './roster';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  option: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalXS },
  grow: { flex: '1 1 10rem', minWidth: 0 },
});

interface Props {
  sessionId: SessionId;
  classId: ClassId;
  onStarted: (view: RoundView) => void;
  onCancel: () => void;
}

/** Starts a round of any kind; durations and thresholds keep their evidence-based defaults. */
export function StartRoundForm({ sessionId, classId, onStarted, onCancel }: Props) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const { api } = useSession();
  const [kind, setKind] = useState<RoundKind>('peer_instruction');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState(['', '']);
  const [correct, setCorrect] = useState('none');
  const [topic, setTopic] = useState('');
  // Prefilled in the language the lecturer's Teams speaks, which is the language the class is taught in.
  const [prompt, setPrompt] = useState(() => defaultMuddyPrompt(language));
  const [allowAnonymous, setAllowAnonymous] = useState(true);
  const [pollType, setPollType] = useState<'choice' | '5' | '10'>('choice');
  const [cloudPrompt, setCloudPrompt] = useState('');
  const [perStudent, setPerStudent] = useState('3');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const round = (): RoundCreateInput | null => {
    if (kind === 'peer_instruction') {
      const opts = options.map((o) => o.trim());
      if (!question.trim() || opts.some((o) => !o)) return null;
      return {
        kind,
        question: question.trim(),
        options: opts,
        correctOption: correct === 'none' ? null : Number(correct),
      };
    }
    if (kind === 'question_round') {
      return topic.trim() ? { kind, topic: topic.trim(), settings: { allowAnonymous } } : null;
    }
    if (kind === 'poll') {
      const settings = { anonymous: allowAnonymous };
      if (!question.trim()) return null;
      if (pollType !== 'choice')
        return { kind, question: question.trim(), scale: pollType === '5' ? 5 : 10, settings };
      const opts = options.map((o) => o.trim());
      return opts.some((o) => !o) ? null : { kind, question: question.trim(), options: opts, settings };
    }
    if (kind === 'wordcloud') {
      const text = cloudPrompt.trim() || t('rounds.start.cloudDefault');
      return { kind, prompt: text, settings: { entriesPerStudent: Number(perStudent) } };
    }
    return prompt.trim() ? { kind, prompt: prompt.trim(), settings: { allowAnonymous } } : null;
  };

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const body = round();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      const roster = await loadRoster(api, classId);
      onStarted(await api.call('startRound', { params: { sessionId }, body: { round: body, ...roster } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const required = (value: string, label: string) =>
    touched && !value.trim() ? t('common.required', { field: label }) : undefined;
  const setOption = (i: number, value: string) => setOptions(options.map((o, k) => (k === i ? value : o)));
  const removeOption = (i: number) => {
    setOptions(options.filter((_, k) => k !== i));
    if (correct !== 'none' && Number(correct) >= i) setCorrect('none');
  };

  return (
    <form className={styles.form} onSubmit={handleSubmit} noValidate aria-label={t('rounds.start.title')}>
      <div role="group" aria-label={t('rounds.start.kind')} className={styles.row}>
        {ROUND_KINDS.map((k) => (
          <ToggleButton
            key={k}
            checked={kind === k}
            appearance={kind === k ? 'primary' : 'secondary'}
            onClick={() => setKind(k)}
          >
            {t(kindKey(k))}
          </ToggleButton>
        ))}
      </div>
      {kind === 'poll' && (
        <>
          <Field
            label={t('rounds.start.question')}
            required
            validationMessage={required(question, t('rounds.start.question'))}
          >
            <Textarea
              value={question}
              maxLength={ROUND_LIMITS.questionTextMax}
              onChange={(_, d) => setQuestion(d.value)}
            />
          </Field>
          <Field label={t('rounds.start.pollType')}>
            <Select value={pollType} onChange={(_, d) => setPollType(d.value as 'choice' | '5' | '10')}>
              <option value="choice">{t('rounds.start.pollChoice')}</option>
              <option value="5">{t('rounds.start.pollScale5')}</option>
              <option value="10">{t('rounds.start.pollScale10')}</option>
            </Select>
          </Field>
        </>
      )}
      {(kind === 'peer_instruction' || (kind === 'poll' && pollType === 'choice')) && (
        <>
          {kind === 'peer_instruction' && (
            <Field
              label={t('rounds.start.question')}
              required
              validationMessage={required(question, t('rounds.start.question'))}
            >
              <Textarea
                value={question}
                maxLength={ROUND_LIMITS.questionTextMax}
                onChange={(_, d) => setQuestion(d.value)}
              />
            </Field>
          )}
          {options.map((o, i) => (
            <div key={i} className={styles.option}>
              <Field
                className={styles.grow}
                label={t('rounds.start.option', { letter: optionLetter(i) })}
                required
                validationMessage={required(o, t('rounds.start.option', { letter: optionLetter(i) }))}
              >
                <Input
                  value={o}
                  maxLength={ROUND_LIMITS.optionTextMax}
                  onChange={(_, d) => setOption(i, d.value)}
                />
              </Field>
              {options.length > ROUND_LIMITS.optionsMin && (
                <Button
                  onClick={() => removeOption(i)}
                  aria-label={t('rounds.start.removeOption', { letter: optionLetter(i) })}
                >
                  {t('rounds.start.remove')}
                </Button>
              )}
            </div>
          ))}
          {options.length < (kind === 'poll' ? ROUND_LIMITS.pollOptionsMax : ROUND_LIMITS.optionsMax) && (
            <div>
              <Button onClick={() => setOptions([...options, ''])}>{t('rounds.start.addOption')}</Button>
            </div>
          )}
          {kind === 'peer_instruction' && (
            <Field label={t('rounds.start.correct')}>
              <Select value={correct} onChange={(_, d) => setCorrect(d.value)}>
                <option value="none">{t('rounds.start.opinion')}</option>
                {options.map((_, i) => (
                  <option key={i} value={String(i)}>
                    {optionLetter(i)}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </>
      )}
      {kind === 'wordcloud' && (
        <>
          <Field label={t('rounds.start.cloudPrompt')} hint={t('rounds.start.cloudDefault')}>
            <Input
              value={cloudPrompt}
              placeholder={t('rounds.start.cloudDefault')}
              maxLength={ROUND_LIMITS.questionTextMax}
              onChange={(_, d) => setCloudPrompt(d.value)}
            />
          </Field>
          <Field label={t('rounds.start.cloudPerStudent')}>
            <Select value={perStudent} onChange={(_, d) => setPerStudent(d.value)}>
              {[1, 2, 3, 5].map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {kind === 'question_round' && (
        <Field
          label={t('rounds.start.topic')}
          required
          validationMessage={required(topic, t('rounds.start.topic'))}
        >
          <Input value={topic} maxLength={ROUND_LIMITS.topicMax} onChange={(_, d) => setTopic(d.value)} />
        </Field>
      )}
      {kind === 'muddiest_point' && (
        <Field
          label={t('rounds.start.prompt')}
          required
          validationMessage={required(prompt, t('rounds.start.prompt'))}
        >
          <Input
            value={prompt}
            maxLength={ROUND_LIMITS.questionTextMax}
            onChange={(_, d) => setPrompt(d.value)}
          />
        </Field>
      )}
      {(kind === 'question_round' || kind === 'muddiest_point' || kind === 'poll') && (
        <Checkbox
          checked={allowAnonymous}
          onChange={(_, d) => setAllowAnonymous(d.checked === true)}
          label={t(kind === 'poll' ? 'rounds.start.pollAnonymous' : 'rounds.start.allowAnonymous')}
        />
      )}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? t('rounds.busy') : t('rounds.start.submit')}
        </Button>
        <Button onClick={onCancel}>{t('classes.cancel')}</Button>
      </div>
      {error !== null && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{describeError(error, t)}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
