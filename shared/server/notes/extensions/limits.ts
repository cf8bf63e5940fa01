import type {
  Extension,
  beforeHandleMessagePayload,
  onAuthenticatePayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { COLLAB_CLOSE } from '../../../contract/collab';
import { CollabRejection, halt, noteContext, userKey } from '../connectionContext';
import { docState } from '../docState';
import { frameOf, isWrite } from '../frames';

export interface LimitsOptions {
  maxDocumentBytes: number;
  maxConnectionsPerDoc: number;
  maxConnectionsPerUser: number;
  awarenessMaxBytes: number;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/**
 * Connections per note and per user, and the size of a note. (Message size, per-user message rate and
 * presence throttling are enforced earlier, on the socket: see `gatedSocket.ts`.)
 */
export class LimitsExtension implements Extension {
  // After authentication (it needs the principal), before persistence (a refused update is never applied).
  priority = 150;
  extensionName = 'stoa-limits';
  private readonly perDoc = new Map<string, number>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly opts: LimitsOptions) {}

  async onAuthenticate({ documentName, context }: onAuthenticatePayload) {
    const ctx = noteContext(context);
    const socket = ctx.socket;
    if (!socket || !ctx.principal) return;
    const user = userKey(ctx.principal);
    if (
      (this.perDoc.get(documentName) ?? 0) >= this.opts.maxConnectionsPerDoc ||
      (this.perUser.get(user) ?? 0) >= this.opts.maxConnectionsPerUser
    ) {
      setImmediate(() => socket.reject(COLLAB_CLOSE.tooManyConnections));
      throw new CollabRejection(COLLAB_CLOSE.tooManyConnections.reason);
    }
    bump(this.perDoc, documentName, 1);
    bump(this.perUser, user, 1);
    let held = true;
    socket.hold(documentName, () => {
      if (!held) return;
      held = false;
      bump(this.perDoc, documentName, -1);
      bump(this.perUser, user, -1);
    });
  }

  async onDisconnect({ documentName, context }: onDisconnectPayload) {
    noteContext(context).socket?.release(documentName);
  }

  /**
   * Refuses an update that would make the note larger than allowed. The size is tracked as an upper bound
   * (size at load plus every update since) and measured exactly only when the bound says it might be over.
   */
  async beforeHandleMessage({ connection, document, update, context }: beforeHandleMessagePayload) {
    const frame = frameOf(update, this.opts.awarenessMaxBytes);
    if (connection.readOnly || !isWrite(frame) || !frame.payload) return;
    const st = docState(document);
    if (!st) return;
    const incoming = frame.payload.length;
    // An empty update (no structs, no deletions: two zero bytes) is every client's step 2 on connect.
    if (incoming <= 2 || st.sizeEstimate + incoming <= this.opts.maxDocumentBytes) return;
    st.sizeEstimate = Y.encodeStateAsUpdate(document).length;
    if (st.sizeEstimate + incoming <= this.opts.maxDocumentBytes) return;
    noteContext(context).socket?.reject(COLLAB_CLOSE.documentTooLarge);
    return halt();
  }
}
