import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { NEXT_PHASES, isFinalPhase, isTimedPhase } from '../../../shared/contract/rounds/phaseRules';
import type { RoundEventInput } from '../../../shared/contract/rounds/events';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

/** The button text for moving a round of this kind to `to`. */
function advanceKey(view: RoundView, to: string): MessageKey {
  if (to === 'ended') return 'rounds.control.end';
  if (view.kind === 'question_round' && to === 'answering') return 'rounds.control.toAnswering';
  if ((view.kind === 'poll' || view.kind === 'wordcloud') && to === 'gate')
    return 'rounds.control.closeAnswers';
  return `rounds.control.to.${to as 'gate' | 'discussion' | 'revote' | 'revealed'}`;
}

/** Move on, extend the time, end or cancel: every control a plain button, in reading order. */
export function FacilitatorControls({
  view,
  busy,
  send,
}: {
  view: RoundView;
  busy: boolean;
  send: (event: RoundEventInput) => Promise<boolean>;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  const act = (event: RoundEventInput) => {
    refocus.current = true;
    void send(event);
  };
  // The pressed button usually goes with the phase it belonged to; keep keyboard users in the controls.
  useEffect(() => {
    if (!refocus.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    refocus.current = false;
    group.current?.querySelector('button')?.focus();
  }, [view.phase, busy]);
  if (isFinalPhase(view.phase)) return null;
  const next = NEXT_PHASES[view.kind][view.phase] ?? [];
  const timed = isTimedPhase(view.kind, view.phase);
  return (
    <div
      ref={group}
      className={styles.row}
      role="group"
      aria-label={t('rounds.controls')}
      data-testid="round-controls"
    >
      {view.phase === 'ready' && (
        <Button appearance="primary" disabledFocusable={busy} onClick={() => act({ type: 'start' })}>
          {t('rounds.control.start')}
        </Button>
      )}
      {next.map((to, i) => (
        <Button
          key={to}
          appearance={i === 0 ? 'primary' : 'secondary'}
          disabledFocusable={busy}
          onClick={() => act({ type: 'advance', to })}
        >
          {t(advanceKey(view, to))}
        </Button>
      ))}
      {timed && (
        <>
          <Button disabledFocusable={busy} onClick={() => act({ type: 'extendDeadline', byMs: 30_000 })}>
            {t('rounds.control.extend30')}
          </Button>
          <Button disabledFocusable={busy} onClick={() => act({ type: 'extendDeadline', byMs: 60_000 })}>
            {t('rounds.control.extend60')}
          </Button>
        </>
      )}
      {confirmCancel ? (
        <>
          <Button
            appearance="primary"
            disabledFocusable={busy}
            autoFocus
            onClick={() => void send({ type: 'cancel' }).then(() => setConfirmCancel(false))}
          >
            {t('rounds.control.cancelConfirm')}
          </Button>
          <Button onClick={() => setConfirmCancel(false)}>{t('rounds.control.keep')}</Button>
        </>
      ) : (
        <Button appearance="subtle" disabledFocusable={busy} onClick={() => setConfirmCancel(true)}>
          {t('rounds.control.cancel')}
        </Button>
      )}
    </div>
  );
}
