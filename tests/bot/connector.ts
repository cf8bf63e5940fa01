import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE';
  /** `send` (new activity), `reply` (to replyToId), `update` (PUT), `delete`, `createConversation`. */
  kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation';
  conversationId: string;
  /** The activity the call targets: replyToId for replies, the updated or deleted activity's id. */
  targetId?: string;
  /** The id the connector gave the activity (what `sendActivity` resolves to). */
  id: string;
  body: Record<string, unknown>;
  /** The Authorization header the bot sent (empty when anonymous). */
  authorization: string;
}

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: string;
}

export interface LocalConnector {
  /** Base URL to put in `activity.serviceUrl`. */
  url: string;
  /** Every POST/PUT/DELETE, in order. */
  calls: ConnectorCall[];
  /** Every GET the bot made (member and meeting lookups), as paths. */
  lookups: string[];
  /** The activities posted (sends and replies) to one conversation, or to all. */
  posted(conversationId?: string): Array<Record<string, unknown>>;
  /** Registers a member for `GET /v3/conversations/:id/members/:userId` (any conversation). */
  addMember(member: TeamsMember): void;
  /**
   * The members of conversations (a team and its channel, a chat), for `GET .../pagedmembers` and member
   * lookups there. A conversation without a list answers an empty page.
   */
  setMembers(conversationIds: string[], members: TeamsMember[]): void;
  /** The updates (PUT) of one activity, or all, in order. */
  updates(activityId?: string): ConnectorCall[];
  /** Registers a meeting participant's role for `GET /v1/meetings/:meetingId/participants/:userId`. */
  setMeetingRole(meetingId: string, aadObjectId: string, role: 'Organizer' | 'Presenter' | 'Attendee'): void;
  /** Answers extra GET paths (e.g. OpenID metadata in auth tests); return undefined to fall through. */
  onGet(handler: (path: string) => { status: number; body: unknown } | undefined): void;
  /** Forgets recorded calls (members stay). */
  reset(): void;
  close(): Promise<void>;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Cards an activity carries. */
export function cardsOf(activity: Record<string, unknown>): Array<Record<string, unknown>> {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  return attachments
    .filter((a) => a.contentType === ADAPTIVE)
    .map((a) => a.content as Record<string, unknown>);
}

/** All text a card shows (TextBlocks, facts, titles), flattened, for content assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A local stand-in for the Bot Framework connector (what `serviceUrl` points at): it records what the bot
 * sends and answers the lookups TeamsInfo makes, so bot tests run through the real CloudAdapter offline.
 */
export async function startLocalConnector(): Promise<LocalConnector> {
  const calls: ConnectorCall[] = [];
  const lookups: string[] = [];
  const members = new Map<string, TeamsMember>();
  const rosters = new Map<string, TeamsMember[]>();
  const base = (id: string) => id.split(';messageid=')[0]!;
  const meetingRoles = new Map<string, string>();
  const getHandlers: Array<(path: string) => { status: number; body: unknown } | undefined> = [];
  const newId = () => `activity-${randomBytes(6).toString('hex')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://connector');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const authorization = req.headers.authorization ?? '';
    if (req.method === 'GET') {
      lookups.push(url.pathname);
      for (const h of getHandlers) {
        const answer = h(url.pathname);
        if (answer) return send(res, answer.status, answer.body);
      }
      // /v3/conversations/:id/pagedmembers?pageSize=&continuationToken=
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'pagedmembers') {
        const all = rosters.get(base(parts[2] ?? '')) ?? [];
        const size = Math.max(1, Number(url.searchParams.get('pageSize') ?? 200));
        const start = Number(url.searchParams.get('continuationToken') ?? 0) || 0;
        const page = all.slice(start, start + size);
        const next = start + size < all.length ? String(start + size) : undefined;
        return send(res, 200, { members: page, ...(next ? { continuationToken: next } : {}) });
      }
      // /v3/conversations/:id/members/:userId
      if (parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'members' && parts[4]) {
        const scoped = rosters.get(base(parts[2] ?? ''));
        const pool = scoped ?? [...members.values()];
        const member = pool.find((m) => m.id === parts[4] || m.aadObjectId === parts[4]);
        if (!member) return send(res, 404, { error: { code: 'ConversationNotFound', message: 'no member' } });
        return send(res, 200, member);
      }
      // /v1/meetings/:meetingId/participants/:userId
      if (parts[0] === 'v1' && parts[1] === 'meetings' && parts[3] === 'participants' && parts[4]) {
        const member = [...members.values()].find((m) => m.id === parts[4] || m.aadObjectId === parts[4]);
        const role = meetingRoles.get(`${parts[2]}/${member?.aadObjectId ?? parts[4]}`) ?? 'Attendee';
        return send(res, 200, {
          user: member ?? { id: parts[4] },
          meeting: { role, inMeeting: true },
          conversation: { id: parts[2] },
        });
      }
      return send(res, 404, { error: { code: 'NotFound', message: url.pathname } });
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations')
      return send(res, 404, { error: { code: 'NotFound' } });
    const body = await readJson(req);
    const id = newId();
    const conversationId = parts[2] ?? '';
    if (req.method === 'POST' && parts.length === 2) {
      const created = `conversation-${randomBytes(4).toString('hex')}`;
      calls.push({
        method: 'POST',
        kind: 'createConversation',
        conversationId: created,
        id,
        body,
        authorization,
      });
      return send(res, 200, { id: created, activityId: id });
    }
    if (parts[3] !== 'activities') return send(res, 404, { error: { code: 'NotFound' } });
    const targetId = parts[4];
    if (req.method === 'POST') {
      calls.push({
        method: 'POST',
        kind: targetId ? 'reply' : 'send',
        conversationId,
        targetId,
        id,
        body,
        authorization,
      });
      return send(res, 200, { id });
    }
    if (req.method === 'PUT' && targetId) {
      calls.push({
        method: 'PUT',
        kind: 'update',
        conversationId,
        targetId,
        id: targetId,
        body,
        authorization,
      });
      return send(res, 200, { id: targetId });
    }
    if (req.method === 'DELETE' && targetId) {
      calls.push({
        method: 'DELETE',
        kind: 'delete',
        conversationId,
        targetId,
        id: targetId,
        body,
        authorization,
      });
      res.writeHead(200).end();
      return;
    }
    return send(res, 405, { error: { code: 'MethodNotAllowed' } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, { error: { code: 'Connector', message: String(err) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    lookups,
    posted: (conversationId) =>
      calls
        .filter(
          (c) =>
            (c.kind === 'send' || c.kind === 'reply') &&
            (!conversationId || c.conversationId === conversationId),
        )
        .map((c) => c.body),
    addMember: (m) => members.set(m.aadObjectId, m),
    setMembers: (ids, list) => {
      for (const id of ids) rosters.set(base(id), list);
    },
    updates: (activityId) =>
      calls.filter((c) => c.kind === 'update' && (!activityId || c.targetId === activityId)),
    setMeetingRole: (meetingId, aadObjectId, role) => meetingRoles.set(`${meetingId}/${aadObjectId}`, role),
    onGet: (h) => getHandlers.push(h),
    reset: () => {
      calls.length = 0;
      lookups.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
