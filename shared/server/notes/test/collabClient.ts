import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { COLLAB_PATH, NOTE_FRAGMENT } from '../../../contract/collab';
import type { StoaClient } from '../../../client/client';
import { buildUser, type TestService, type TestUser } from '../../test/testService';

/** The `/collab` URL of a service. */
export function collabUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`;
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface NoteClient {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Close codes the socket saw, in order. */
  closes: number[];
  /** Reasons of permission-denied answers. */
  denied: string[];
  /** Scopes of authenticated answers (`read-write`, `readonly`). */
  scopes: string[];
  /** Stateless messages the server sent. */
  stateless: string[];
  text(): string;
  destroy(): void;
}

/** A real `@hocuspocus/provider` client of a session's note, over `ws` in Node. */
export function noteClient(httpUrl: string, sessionId: string, token: string | null): NoteClient {
  const doc = new Y.Doc();
  const client: Omit<NoteClient, 'provider'> = {
    doc,
    closes: [],
    denied: [],
    scopes: [],
    stateless: [],
    text: () => doc.getXmlFragment(NOTE_FRAGMENT).toJSON(),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  const socket = new HocuspocusProviderWebsocket({ url: collabUrl(httpUrl), WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: sessionId,
    document: doc,
    token,
    onClose: ({ event }) => client.closes.push(event.code),
    onAuthenticationFailed: ({ reason }) => client.denied.push(reason),
    onAuthenticated: ({ scope }) => client.scopes.push(scope),
    onStateless: ({ payload }) => client.stateless.push(payload),
  });
  provider.attach();
  return Object.assign(client, { provider });
}

/** Appends a paragraph with `text` to the note fragment of a client's document. */
export function typeParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    fragment.insert(fragment.length, [p]);
  });
}

export interface NoteSession {
  owner: TestUser;
  ownerClient: StoaClient;
  classId: string;
  sessionId: string;
  joinCode: string;
  /** A dev token for a user, minted by the service. */
  token(user: TestUser): Promise<string>;
  /** A new user who joined the class as a student. */
  student(): Promise<TestUser>;
}

/** A class with one live session, owned by a fresh user. */
export async function noteSession(
  t: TestService,
  settings?: { studentsCanEdit?: boolean },
): Promise<NoteSession> {
  const owner = buildUser();
  const ownerClient = await t.as(owner);
  const cls = await ownerClient.call('createClass', {
    body: { name: 'Notes class', ...(settings ? { settings } : {}) },
  });
  const session = await ownerClient.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Lecture 1' },
  });
  const token = async (user: TestUser) => (await t.anonymous().call('createDevToken', { body: user })).token;
  return {
    owner,
    ownerClient,
    classId: cls.id,
    sessionId: session.id,
    joinCode: cls.joinCode!,
    token,
    student: async () => {
      const user = buildUser({ tenantId: owner.tenantId });
      await (
        await t.as(user)
      ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      return user;
    },
  };
}
