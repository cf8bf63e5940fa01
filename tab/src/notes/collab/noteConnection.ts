import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  collabCloseName,
  noteDocumentName,
  parseCollabServerMessage,
} from '../../../../shared/contract/collab';
import {
  initialConnection,
  isFinalClose,
  reduceConnection,
  type ConnectionEvent,
  type ConnectionState,
  type StopReason,
} from './connectionState';
import { countingWebSocket } from './ackCounter';
import { ThrottledAwareness } from './throttledAwareness';

/** How the connection gets the bearer token the REST calls use, and a fresh one when it was refused. */
export interface CollabTokens {
  current(): Promise<string | null>;
  refresh(): Promise<boolean>;
}

export interface NoteConnectionOptions {
  /** Service base URL (`http(s)://host:port`), or '' for the page's own origin. */
  baseUrl: string;
  sessionId: string;
  tokens: CollabTokens;
  /** Presence updates leave this client at most this often. */
  awarenessIntervalMs?: number;
  /** A WebSocket implementation for Node (tests); browsers use their own. */
  WebSocketPolyfill?: unknown;
}

/** The `/collab` WebSocket URL for a service base URL, relative to the page when the base is empty. */
export function collabUrl(baseUrl: string, origin: string = globalThis.location?.origin ?? ''): string {
  const base = (baseUrl || origin).replace(/\/+$/, '');
  return `${base.replace(/^http/, 'ws')}${COLLAB_PATH}`;
}

/**
 * One session's note over Hocuspocus: the Y.Doc, throttled presence, and a small store of the connection
 * state for React (`subscribe`/`getSnapshot`). Typed closes from the service decide what happens next:
 * a refused token is refreshed once, final refusals stop the retries, everything else reconnects.
 */
export class NoteConnection {
  readonly doc = new Y.Doc();
  readonly awareness: ThrottledAwareness;
  readonly provider: HocuspocusProvider;
  private readonly socket: HocuspocusProviderWebsocket;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<boolean> | null = null;
  /** Set after a token refresh; a second 4401 before the next sync means the new token is refused too. */
  private refreshedSinceSync = false;
  private destroyed = false;
  /** Write frames sent on the current socket, the service's SyncStatus(true) answers, the provider's count. */
  private writes = { sent: 0, acked: 0, provider: 0 };

  constructor(private readonly opts: NoteConnectionOptions) {
    this.state = initialConnection(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
    this.awareness = new ThrottledAwareness(this.doc, opts.awarenessIntervalMs ?? 250);
    const counted = countingWebSocket(
      (opts.WebSocketPolyfill ?? globalThis.WebSocket) as Parameters<typeof countingWebSocket>[0],
      {
        socket: () => {
          this.writes.sent = 0;
          this.writes.acked = 0;
          this.dispatchPending();
        },
        write: () => {
          this.writes.sent += 1;
          this.dispatchPending();
        },
        ack: () => {
          this.writes.acked += 1;
          this.dispatchPending();
        },
      },
    );
    this.socket = new HocuspocusProviderWebsocket({
      url: collabUrl(opts.baseUrl),
      WebSocketPolyfill: counted,
      // Registered on the socket itself so it runs before the socket schedules its reconnect.
      onClose: ({ event }) => this.handleClose(event.code),
      onStatus: ({ status }) => this.dispatch({ type: 'status', status }),
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: noteDocumentName(opts.sessionId),
      document: this.doc,
      awareness: this.awareness,
      token: () => this.token(),
      onSynced: () => {
        this.refreshedSinceSync = false;
        this.dispatch({ type: 'synced' });
      },
      onUnsyncedChanges: ({ number }) => {
        this.writes.provider = number;
        this.dispatchPending();
      },
      onAuthenticated: ({ scope }) =>
        this.dispatch({ type: 'access', readOnly: scope === 'readonly', reason: null }),
      onStateless: ({ payload }) => this.handleStateless(payload),
    });
    this.provider.attach();
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.handleOnline);
      window.addEventListener('offline', this.handleOnline);
      window.addEventListener('pagehide', this.handlePageHide);
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionState => this.state;

  /** Tries again after the connection stopped (a new sign-in, or the person asked to). */
  retry(): void {
    if (this.destroyed) return;
    this.refreshedSinceSync = false;
    this.dispatch({ type: 'retry' });
    void this.socket.connect();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.handleOnline);
      window.removeEventListener('offline', this.handleOnline);
      window.removeEventListener('pagehide', this.handlePageHide);
    }
    this.provider.destroy();
    this.socket.destroy();
    this.listeners.clear();
  }

  private async token(): Promise<string> {
    // A reconnect that races a refresh must send the new token, not the refused one.
    if (this.refreshing) await this.refreshing;
    return (await this.opts.tokens.current()) ?? '';
  }

  private handleClose(code: number): void {
    if (this.destroyed) return;
    this.dispatch({ type: 'closed', code });
    const name = collabCloseName(code);
    if (!name) return;
    if (name === 'unauthorized' && !this.refreshedSinceSync) {
      this.refreshedSinceSync = true;
      this.refreshing = this.opts.tokens.refresh().catch(() => false);
      void this.refreshing.then((ok) => {
        this.refreshing = null;
        if (!ok) this.stop('signedOut');
      });
      return;
    }
    if (isFinalClose(name)) this.stop(name);
  }

  private stop(reason: StopReason): void {
    // disconnect() clears the socket's wish to reconnect; its own close handler runs after ours.
    this.socket.disconnect();
    this.dispatch({ type: 'stopped', reason });
  }

  private handleStateless(payload: string): void {
    let data: unknown;
    try {
      data = JSON.parse(payload);
    } catch {
      return; // not ours
    }
    const message = parseCollabServerMessage(data);
    if (message?.type === 'stoa.access') {
      this.dispatch({ type: 'access', readOnly: message.readOnly, reason: message.reason ?? null });
    } else if (message?.type === 'stoa.lock') {
      this.dispatch({ type: 'lock', locked: message.locked });
    }
  }

  /** Saved only when the service confirmed every write frame sent on this socket, and the provider agrees. */
  private dispatchPending(): void {
    const { sent, acked, provider } = this.writes;
    this.dispatch({ type: 'pending', count: Math.max(provider, sent - acked) });
  }

  private readonly handleOnline = () => {
    const online = navigator.onLine !== false;
    this.dispatch({ type: 'online', online });
    // Back online: try now instead of waiting out the reconnect backoff (up to 30 s).
    if (online && !this.state.stopped && this.state.socket !== 'connected') void this.socket.connect();
  };

  private readonly handlePageHide = () => this.awareness.flush();

  private dispatch(event: ConnectionEvent): void {
    const next = reduceConnection(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}
