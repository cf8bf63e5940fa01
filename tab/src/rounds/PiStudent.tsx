import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { PiView } from '../../../shared/contract/rounds/viewSchemas';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import { useI18n } from '../i18n/I18nProvider';
import { optionLetter } from './format';
import { PiResults } from './PiResults';
import { VoteForm } from './VoteForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  note: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  view: PiView;
  busy: boolean;
  compact: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}

/** A student's Peer Instruction: vote, learn who to discuss with, re-vote, see the results. */
export function PiStudent({ view, busy, compact, send }: Props) {
  const styles = useStyles();
  const { t } = useI18n();
  const me = view.me;
  const joined = useRef(false);
  // A student who arrives during discussion asks to be put in a group.
  useEffect(() => {
    if (view.phase === 'discussion' && me && me.group === null && !joined.current) {
      joined.current = true;
      void send({ type: 'join' });
    }
  }, [view.phase, me, send]);

  const voted = (v: { option: number; confidence: string } | null | undefined, key: 'first' | 'second') =>
    v ? (
      <Text className={styles.note} data-testid={`my-${key}-vote`}>
        {t(key === 'first' ? 'rounds.vote.mine' : 'rounds.revote.mine', {
          option: optionLetter(v.option),
          confidence: t(`rounds.confidence.${v.confidence as 'low' | 'medium' | 'high'}`),
        })}
      </Text>
    ) : null;

  return (
    <div className={styles.root}>
      {view.phase === 'answering' &&
        (me?.answer ? (
          <>
            {voted(me.answer, 'first')}
            <Text className={styles.note}>{t('rounds.vote.waiting')}</Text>
          </>
        ) : (
          <VoteForm
            options={view.options}
            busy={busy}
            submitLabel="rounds.vote.submit"
            onSubmit={(option, confidence) => void send({ type: 'answer', option, confidence })}
          />
        ))}
      {view.phase === 'gate' && (
        <>
          {voted(me?.answer, 'first')}
          <Text className={styles.note}>{t('rounds.gate.student')}</Text>
        </>
      )}
      {view.phase === 'discussion' && (
        <>
          {voted(me?.answer, 'first')}
          <Text weight="semibold" data-testid="my-group">
            {me?.group
              ? me.group.partners.length > 0
                ? t('rounds.discuss.with', { names: me.group.partners.map((p) => p.name).join(', ') })
                : t('rounds.discuss.alone')
              : t('rounds.discuss.noGroup')}
          </Text>
        </>
      )}
      {view.phase === 'revote' &&
        (me?.revote ? (
          <>
            {voted(me.revote, 'second')}
            <Text className={styles.note}>{t('rounds.vote.waiting')}</Text>
          </>
        ) : (
          <VoteForm
            options={view.options}
            busy={busy}
            submitLabel="rounds.revote.submit"
            onSubmit={(option, confidence) => void send({ type: 'revote', option, confidence })}
          />
        ))}
      {(view.phase === 'revealed' || view.phase === 'ended') && (
        <>
          {voted(me?.answer, 'first')}
          {voted(me?.revote, 'second')}
          {view.results ? (
            <PiResults results={view.results} compact={compact} />
          ) : (
            <Text className={styles.note}>{t('rounds.noResults')}</Text>
          )}
        </>
      )}
    </div>
  );
}
