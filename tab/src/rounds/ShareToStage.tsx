import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import type { TeamsInfo } from '../teams/teamsHost';
import { useI18n } from '../i18n/I18nProvider';

const useStyles = makeStyles({
  row: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/** The stage view of a session, as an absolute URL on this tab's origin (what Teams loads on the stage). */
export function stageUrl(sessionId: string, origin: string = window.location.origin): string {
  return `${origin}${TAB_ROUTES.stage}?${new URLSearchParams({ sessionId }).toString()}`;
}

/** Whether this Teams host lets the app share to the meeting stage from here. */
async function canShare(): Promise<boolean> {
  const { meeting } = await import('@microsoft/teams-js');
  return new Promise((resolve) => {
    try {
      meeting.getAppContentStageSharingCapabilities((err, caps) =>
        resolve(!err && caps?.doesAppHaveSharePermission === true),
      );
    } catch {
      resolve(false); // the host does not support meetings here (not a side panel, or an old client)
    }
  });
}

/**
 * "Share to stage" for facilitators in a meeting side panel. Only the side panel (and the stage) may
 * share, and only when the app has the permission, so the button appears only when Teams says it can.
 */
export function ShareToStage({ teams, sessionId }: { teams: TeamsInfo | null; sessionId: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [supported, setSupported] = useState(false);
  const [state, setState] = useState<'idle' | 'busy' | 'shared' | 'failed'>('idle');
  const inSidePanel = teams?.frameContext === 'sidePanel';

  useEffect(() => {
    if (!inSidePanel) return;
    let live = true;
    canShare().then(
      (ok) => live && setSupported(ok),
      () => live && setSupported(false),
    );
    return () => {
      live = false;
    };
  }, [inSidePanel]);

  if (!inSidePanel || !supported) return null;
  const handleShare = async () => {
    setState('busy');
    const { meeting } = await import('@microsoft/teams-js');
    meeting.shareAppContentToStage((err) => setState(err ? 'failed' : 'shared'), stageUrl(sessionId));
  };
  return (
    <span className={styles.row}>
      <Button size="small" disabled={state === 'busy'} onClick={() => void handleShare()}>
        {t('rounds.stage.share')}
      </Button>
      <Text className={styles.note} role="status">
        {state === 'shared' ? t('rounds.stage.shared') : state === 'failed' ? t('rounds.stage.failed') : ''}
      </Text>
    </span>
  );
}
