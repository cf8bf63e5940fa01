import type { Document, Hocuspocus } from '@hocuspocus/server';
import type { Logger } from 'pino';
import { removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { z } from 'zod';
import { COLLAB_CLOSE, NOTE_FRAGMENT } from '../../contract/collab';
import {
  NOTE_LIMITS,
  NoteNodeSchema,
  type NoteMeta,
  type NoteNode,
  type NoteVersionKind,
} from '../../contract/notes';
import type { SessionId } from '../../contract/ids';
import { subjectHash } from '../auth/revocations';
import { NotFoundError, ServiceError, ValidationError } from '../errors';
import { noteContext } from './connectionContext';
import { newId } from '../storage/ids';
import { SERVER_ORIGIN, docState } from './docState';
import type { AuthenticationExtension } from './extensions/authentication';
import { AutoVersions } from './autoVersions';
import { toMarkdown } from './markdown';
import { applyStored, type NoteStore, type VersionInfo } from './noteStore';
import { reanchorAnnotations } from './reanchor';
import type { UpdateLog } from './updateLog';
import { fragmentToJson, replaceBlocks, sectionEnd, toYNodes } from './yjsContent';

export interface NoteAuthor {
  userId: string;
  name: string;
}

export interface NoteServiceDeps {
  hocuspocus: Hocuspocus;
  store: NoteStore;
  updates: UpdateLog;
  authentication: AuthenticationExtension;
  maxDocumentBytes: number;
  log: Logger;
  /** Automatic versions: at most one per this many ms of activity, and how many are kept. */
  autoVersionMs: number;
  autoVersionsKeep: number;
  /** With several instances: tells the others a note's access rules changed (Redis). */
  publishAccess?: (sessionId: string) => void;
}

export interface AppendOptions {
  /** Put the blocks at the end of the section under this heading (matched by its text); else at the end. */
  afterHeading?: string;
}

/** Who automatic versions are by: the service itself. */
const STOA_AUTHOR: NoteAuthor = { userId: 'stoa', name: 'Stoa' };

const BlocksSchema = z.array(NoteNodeSchema).min(1).max(NOTE_LIMITS.appendBlocksMax);

function depth(node: NoteNode): number {
  return 1 + Math.max(0, ...(node.content ?? []).map(depth));
}

/**
 * Notes for the REST routes and for other modules of the service: metadata, Markdown export, named
 * versions, restore, and server-side edits. Server-side edits go through the live document (Hocuspocus
 * loads it if nobody has it open), so every open editor receives them like any other change, and they
 * are stored before the call returns.
 */
export class NoteService {
  /** Automatic versions on activity; its clock also dates every version (tests move it). */
  readonly auto: AutoVersions;

  constructor(private readonly d: NoteServiceDeps) {
    this.auto = new AutoVersions({
      store: d.store,
      log: d.log,
      intervalMs: d.autoVersionMs,
      keep: d.autoVersionsKeep,
      take: (sessionId) => this.autoVersion(sessionId),
    });
  }

  /** Appends ProseMirror JSON blocks to a session's note as an edit by the service (round summaries). */
  async appendToNote(sessionId: string, blocks: NoteNode[], opts: AppendOptions = {}): Promise<void> {
    const parsed = BlocksSchema.safeParse(blocks);
    if (!parsed.success || parsed.data.some((b) => depth(b) > NOTE_LIMITS.blockDepthMax)) {
      throw new ValidationError('body', [{ path: 'blocks', message: 'Not a list of note blocks.' }]);
    }
    await this.withLiveDocument(sessionId, async (doc) => {
      doc.transact(() => {
        const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
        fragment.insert(sectionEnd(fragment, opts.afterHeading), toYNodes(parsed.data));
      }, SERVER_ORIGIN);
    });
  }

  /** Runs a server-side edit of the live note (privacy erasure rewrites annotation authors); stored on return. */
  async editLive(sessionId: string, edit: (doc: Y.Doc) => void): Promise<void> {
    await this.withLiveDocument(sessionId, async (doc) => {
      doc.transact(() => edit(doc), SERVER_ORIGIN);
    });
  }

  /** Metadata of a note; `canEdit` is the caller's write access, decided by the route. */
  async meta(sessionId: SessionId, canEdit: boolean, locked: boolean): Promise<NoteMeta> {
    const live = this.d.hocuspocus.documents.get(sessionId);
    const [stats, versionCount] = await Promise.all([
      this.d.store.stats(sessionId),
      this.d.store.countVersions(sessionId),
    ]);
    const doc = live ?? (await this.stored(sessionId));
    const presence = live ? [...live.awareness.getStates().values()].filter((s) => s !== null).length : 0;
    return {
      sessionId,
      sizeBytes: Y.encodeStateAsUpdate(doc).length,
      storedBytes: stats.storedBytes,
      maxSizeBytes: this.d.maxDocumentBytes,
      updatedAt: stats.editedAt > 0 ? new Date(stats.editedAt).toISOString() : null,
      versionCount,
      connectedCount: live ? Math.max(live.connections.size, presence) : 0,
      canEdit,
      locked,
    };
  }

  /** The note as Markdown, from the live document when this instance has it open. */
  async markdown(sessionId: string): Promise<string> {
    const doc = this.d.hocuspocus.documents.get(sessionId) ?? (await this.stored(sessionId));
    return toMarkdown(fragmentToJson(doc.getXmlFragment(NOTE_FRAGMENT)));
  }

  /** The note's document for reading: the live one when this instance has it open, else the stored one. */
  async snapshot(sessionId: string): Promise<Y.Doc> {
    return this.d.hocuspocus.documents.get(sessionId) ?? (await this.stored(sessionId));
  }

  /** Saves the note as it is now as a named version. */
  async createVersion(
    sessionId: string,
    tenantId: string,
    name: string,
    author: NoteAuthor,
  ): Promise<VersionInfo> {
    const doc = this.d.hocuspocus.documents.get(sessionId) ?? (await this.stored(sessionId));
    return this.saveVersion(doc, sessionId, tenantId, name, 'manual', author);
  }

  listVersions(sessionId: string, limit: number, after: { at: number; id: string } | null) {
    return this.d.store.listVersions(sessionId, limit, after);
  }

  /** One version with its Markdown and ProseMirror JSON (and its document, for restore). */
  async version(sessionId: string, versionId: string) {
    const row = await this.d.store.findVersion(sessionId, versionId);
    if (!row) throw new NotFoundError('version');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.data);
    const content = fragmentToJson(doc.getXmlFragment(NOTE_FRAGMENT));
    const { data: _data, ...info } = row;
    return { info, content, markdown: toMarkdown(content), doc };
  }

  /**
   * Restores a version as a new change to the live note, after saving the note as it is as a version: the
   * history is never rewritten and every open editor receives the restore live. Flags and threads on the
   * restored passages are anchored on the restored text (see `reanchor.ts`).
   */
  async restoreVersion(sessionId: string, tenantId: string, versionId: string, author: NoteAuthor) {
    const { info, content, doc: versionDoc } = await this.version(sessionId, versionId);
    return this.withLiveDocument(sessionId, async (doc) => {
      const backup = await this.saveVersion(
        doc,
        sessionId,
        tenantId,
        `Before restoring "${info.name}"`,
        'before_restore',
        author,
      );
      let reanchored = 0;
      doc.transact(() => {
        replaceBlocks(doc.getXmlFragment(NOTE_FRAGMENT), content.content ?? []);
        reanchored = reanchorAnnotations(doc, versionDoc);
      }, SERVER_ORIGIN);
      this.d.log.info({ sessionId, versionId, reanchored }, 'notes: version restored');
      return { restored: info, backup };
    });
  }

  isLocked(sessionId: string): Promise<boolean> {
    return this.d.store.isLocked(sessionId);
  }

  /** Locks (students read only) or unlocks a note, and switches open editors on this instance live. */
  async setLock(sessionId: string, locked: boolean): Promise<void> {
    await this.d.store.setLocked(sessionId, locked, this.auto.clock());
    await this.refreshAccess(sessionId);
    this.d.publishAccess?.(sessionId);
  }

  /** Saves the note as a version when its session ends (before it is marked ended). */
  async sessionEndVersion(sessionId: string, tenantId: string, author: NoteAuthor): Promise<VersionInfo> {
    const doc = this.d.hocuspocus.documents.get(sessionId) ?? (await this.stored(sessionId));
    return this.saveVersion(doc, sessionId, tenantId, 'End of session', 'session_end', author);
  }

  /** An automatic version of the note as it is now (see `autoVersions.ts`). */
  private async autoVersion(sessionId: string): Promise<void> {
    const session = await this.d.store.findSession(sessionId);
    if (!session) return;
    const doc = this.d.hocuspocus.documents.get(sessionId) ?? (await this.stored(sessionId));
    await this.saveVersion(doc, sessionId, session.tenant_id, 'Automatic', 'auto', STOA_AUTHOR);
  }

  /**
   * Closes a deleted session's note on this instance (retention deleted its class): open editors are
   * disconnected and, as its storage is gone, nothing is compacted back. A client that reconnects is refused.
   */
  closeDeleted(sessionId: string): void {
    const doc = this.d.hocuspocus.documents.get(sessionId);
    if (!doc) return;
    const st = docState(doc);
    if (st) st.rowIds = [];
    this.d.hocuspocus.closeConnections(sessionId);
  }

  /**
   * Closes every note connection of an erased person on this instance (`subject` is `subjectHash`): their
   * presence leaves everyone's view at once, and the socket is closed as unauthorized, so neither a late
   * frame of theirs nor a reconnect with their token gets in.
   */
  closeUser(subject: string): number {
    let closed = 0;
    for (const doc of this.d.hocuspocus.documents.values()) {
      for (const connection of doc.getConnections()) {
        const ctx = noteContext(connection.context);
        const p = ctx.principal;
        if (!p || subjectHash(p.tenantId, p.userId) !== subject) continue;
        removeAwarenessStates(
          doc.awareness,
          [...(doc.getClients(connection.webSocket) as Set<number>)],
          null,
        );
        ctx.socket?.reject(COLLAB_CLOSE.unauthorized);
        closed += 1;
      }
    }
    return closed;
  }

  /** Re-reads a session's access rules now (session ended, class settings changed) for open editors here. */
  async refreshAccess(sessionId: string): Promise<void> {
    const doc = this.d.hocuspocus.documents.get(sessionId);
    const st = doc && docState(doc);
    if (doc && st) await this.d.authentication.refresh(doc, st);
  }

  private async saveVersion(
    doc: Y.Doc,
    sessionId: string,
    tenantId: string,
    name: string,
    kind: NoteVersionKind,
    author: NoteAuthor,
  ): Promise<VersionInfo> {
    const data = Y.encodeStateAsUpdate(doc);
    const info: VersionInfo = {
      id: newId('nv'),
      session_id: sessionId,
      tenant_id: tenantId,
      name: name.slice(0, NOTE_LIMITS.versionNameMax),
      kind,
      created_by: author.userId,
      created_by_name: author.name,
      created_at: this.auto.clock(),
      size_bytes: data.length,
    };
    await this.d.store.insertVersion({ ...info, data });
    return info;
  }

  /** What storage holds for a note nobody has open on this instance. */
  private async stored(sessionId: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
    applyStored(doc, await this.d.store.load(sessionId), null);
    return doc;
  }

  /** Runs `fn` on the live document (loading it if needed) and waits until its changes are stored. */
  private async withLiveDocument<T>(sessionId: string, fn: (doc: Document) => Promise<T>): Promise<T> {
    if (!(await this.d.store.findSession(sessionId))) throw new NotFoundError('session');
    const connection = await this.d.hocuspocus.openDirectConnection(sessionId, { server: true });
    try {
      const doc = connection.document!;
      const st = docState(doc);
      if (st && st.sizeEstimate > this.d.maxDocumentBytes) {
        st.sizeEstimate = Y.encodeStateAsUpdate(doc).length;
        if (st.sizeEstimate > this.d.maxDocumentBytes) {
          throw new ServiceError('payload_too_large', 'The note has reached its maximum size.');
        }
      }
      const result = await fn(doc);
      await this.d.updates.whenDurable();
      return result;
    } finally {
      // Not awaited: with Redis, Hocuspocus holds a server-side disconnect for a second; ours is stored.
      connection
        .disconnect()
        .catch((err: unknown) => this.d.log.warn({ err }, 'notes: direct disconnect failed'));
    }
  }
}
