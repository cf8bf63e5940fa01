import WebSocket from 'ws';
import { WIRE, authFrame, awarenessFrame, emptyStep1Frame, emptyStep2Frame, peekFrame } from './collabWire';

export interface LeanOptions {
  url: string;
  doc: string;
  token: string;
  /** An awareness state sent once after connecting (a provider sends its user's); none when null. */
  awareness: unknown;
  /** Called with every update the server broadcasts (raw frame, offset of the update's length prefix). */
  onUpdate(frame: Buffer, body: number): void;
  /** Called once if the connection fails or closes without `close()`. */
  onError(reason: string): void;
}

const CONNECT_TIMEOUT_MS = 60_000;

/**
 * A reader that speaks just enough of the Hocuspocus protocol to be a connected, synced client (token,
 * sync step 1, an empty step 2 answer, optionally one presence state) and then only looks at the update
 * messages it receives, without a Y.Doc: what a fan-out load generator can afford a thousand of.
 */
export class LeanClient {
  private readonly ws: WebSocket;
  private closing = false;
  private failed = false;
  readonly ready: Promise<void>;

  constructor(private readonly opts: LeanOptions) {
    this.ws = new WebSocket(opts.url, { perMessageDeflate: false });
    this.ready = new Promise<void>((resolve, reject) => {
      let synced = false;
      const timer = setTimeout(() => fail('connect timeout'), CONNECT_TIMEOUT_MS);
      const fail = (reason: string) => {
        clearTimeout(timer);
        if (this.closing || this.failed) return;
        this.failed = true;
        if (!synced) reject(new Error(reason));
        opts.onError(reason);
        this.ws.terminate();
      };
      this.ws.on('error', (err) => fail(`socket error: ${err.message}`));
      this.ws.on('close', (code) => fail(`closed ${code}`));
      this.ws.on('open', () => {
        this.ws.send(authFrame(opts.doc, opts.token));
        this.ws.send(emptyStep1Frame(opts.doc));
      });
      this.ws.on('message', (data: Buffer) => {
        const { type, sub, body } = peekFrame(data);
        if (type === WIRE.sync || type === WIRE.syncReply) {
          if (sub === WIRE.update) opts.onUpdate(data, body);
          else if (sub === WIRE.step1) this.ws.send(emptyStep2Frame(opts.doc));
          else if (sub === WIRE.step2 && !synced) {
            synced = true;
            clearTimeout(timer);
            if (opts.awareness !== null) {
              this.ws.send(awarenessFrame(opts.doc, 1 + Math.floor(Math.random() * 2 ** 30), opts.awareness));
            }
            resolve();
          }
        } else if (type === WIRE.auth && sub === WIRE.authDenied) fail('permission denied');
        else if (type === WIRE.close) fail('closed by server');
      });
    });
    // Failures are reported through onError; the promise is awaited by whoever needs the connection.
    this.ready.catch(() => undefined);
  }

  close(): void {
    this.closing = true;
    this.ws.terminate();
  }
}
