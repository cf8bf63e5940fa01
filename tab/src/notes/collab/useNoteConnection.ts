import { useEffect, useState, useSyncExternalStore } from 'react';
import type { TabApi } from '../../api/tabApi';
import { initialConnection, type ConnectionState } from './connectionState';
import { NoteConnection } from './noteConnection';

const idle = initialConnection();
const noSubscription = () => () => undefined;

/** Opens a session's note for as long as the component is mounted; the state re-renders on change. */
export function useNoteConnection(
  api: TabApi,
  sessionId: string,
): { connection: NoteConnection | null; state: ConnectionState } {
  const [connection, setConnection] = useState<NoteConnection | null>(null);
  useEffect(() => {
    const c = new NoteConnection({
      baseUrl: api.baseUrl,
      sessionId,
      tokens: { current: () => api.token(), refresh: () => api.refreshToken() },
    });
    setConnection(c);
    return () => {
      c.destroy();
      setConnection(null);
    };
  }, [api, sessionId]);
  const state = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    connection?.getSnapshot ?? (() => idle),
  );
  return { connection, state };
}
