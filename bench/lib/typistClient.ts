import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../shared/contract/collab';

export interface TypistOptions {
  url: string;
  doc: string;
  token: string;
  /** Called with every update this client applied from the server. */
  onRemoteUpdate?(update: Uint8Array): void;
  onError(reason: string): void;
}

const CONNECT_TIMEOUT_MS = 60_000;

/**
 * A real editor client: `@hocuspocus/provider` over `ws` with its own Y.Doc, which types into a paragraph
 * of its own in the note fragment (as the TipTap binding would store it: paragraph > text).
 */
export class TypistClient {
  readonly doc = new Y.Doc();
  private readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  /** The text of this client's paragraph, once `addParagraph()` made it. */
  text: Y.XmlText | null = null;
  private closing = false;
  readonly ready: Promise<void>;

  constructor(opts: TypistOptions) {
    this.socket = new HocuspocusProviderWebsocket({ url: opts.url, WebSocketPolyfill: WebSocket });
    let synced!: () => void;
    let failed!: (err: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      synced = resolve;
      failed = reject;
    });
    this.ready.catch(() => undefined);
    const timer = setTimeout(() => failed(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
    const error = (reason: string) => {
      if (this.closing) return;
      failed(new Error(reason));
      opts.onError(reason);
    };
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: opts.doc,
      document: this.doc,
      token: opts.token,
      onSynced: () => {
        clearTimeout(timer);
        synced();
      },
      onAuthenticationFailed: ({ reason }) => error(`permission denied: ${reason}`),
      onClose: ({ event }) => error(`closed ${event.code}`),
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) opts.onRemoteUpdate?.(update);
    });
    this.provider.attach();
  }

  /** Appends an empty paragraph of this client's own, to type into. */
  addParagraph(): void {
    this.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      p.insert(0, [text]);
      const fragment = this.doc.getXmlFragment(NOTE_FRAGMENT);
      fragment.insert(fragment.length, [p]);
      this.text = text;
    });
  }

  /** Types into the note's first paragraph (made by another client); false while it has not arrived. */
  useFirstParagraph(): boolean {
    const p = this.doc.getXmlFragment(NOTE_FRAGMENT).get(0);
    const text: unknown = p instanceof Y.XmlElement ? p.get(0) : null;
    if (!(text instanceof Y.XmlText)) return false;
    this.text = text;
    return true;
  }

  /** One keystroke: inserts `s` at the end of this client's paragraph (one transaction, one update). */
  type(s: string): boolean {
    const text = this.text;
    if (!text) return false;
    text.insert(text.length, s);
    return true;
  }

  get unacknowledged(): number {
    return this.provider.unsyncedChanges;
  }

  close(): void {
    this.closing = true;
    this.provider.destroy();
    this.socket.destroy();
  }
}
