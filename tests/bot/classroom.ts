import { expect } from 'vitest';
import { buildUser, type TestUser } from '../../shared/server/test/testService';
import { randomUUID } from 'node:crypto';
import {
  botAdded,
  cardAction,
  channelScene,
  groupChatScene,
  message,
  teamsMember,
  type Scene,
} from './activities';
import { cardText, cardsOf, type ConnectorCall } from './connector';
import type { BotHarness } from './harness';

/** A card as the bot answered an invoke, or as it posted or updated it. */
export type Card = Record<string, unknown>;

/** What the classroom helpers need of a running bot: its `/api/messages` and the local connector. */
export type BotDriver = Pick<BotHarness, 'post' | 'connector'>;

export interface Classroom {
  h: BotDriver;
  scene: Scene;
  teacher: TestUser;
  students: TestUser[];
  /** Sends a message and returns the connector calls it caused. */
  say(user: TestUser, text: string): Promise<ConnectorCall[]>;
  /** Sends a card action; returns the HTTP status, the invoke body and the connector calls it caused. */
  act(
    user: TestUser,
    verb: string,
    data: Record<string, unknown>,
    opts?: { replyToId?: string },
  ): Promise<{ status: number; body: InvokeBody; card: Card | null; calls: ConnectorCall[] }>;
}

export interface InvokeBody {
  statusCode?: number;
  type?: string;
  value?: Card & { code?: string; message?: string };
}

/**
 * A team channel (or, with `meeting`, a meeting's chat) with a teacher (who adds the app and so owns the
 * class) and `n` students, all listed as the conversation's members on the local connector.
 */
export async function classroom(
  h: BotDriver,
  n: number,
  opts: { team?: string; meeting?: string } = {},
): Promise<Classroom> {
  const teacher = buildUser({ name: 'Prof Ada' });
  const students = Array.from({ length: n }, (_, i) =>
    buildUser({ tenantId: teacher.tenantId, name: `Student ${String(i + 1).padStart(2, '0')}` }),
  );
  const scene = opts.meeting
    ? groupChatScene(h.connector.url, teacher.tenantId, {
        name: opts.meeting,
        meetingId: `MCM${randomUUID()}`,
      })
    : channelScene(h.connector.url, teacher.tenantId, { team: opts.team ?? 'Physics', channel: 'Lecture' });
  const team = (scene.channelData.team as { id: string } | undefined)?.id;
  h.connector.setMembers(
    [...(team ? [team] : []), scene.conversation.id],
    [teacher, ...students].map(teamsMember),
  );
  const since = () => h.connector.calls.length;
  const room: Classroom = {
    h,
    scene,
    teacher,
    students,
    async say(user, text) {
      const from = since();
      const res = await h.post(message(scene, user, text, { mention: true }));
      expect(res.status, text).toBe(200);
      return h.connector.calls.slice(from);
    },
    async act(user, verb, data, actOpts = {}) {
      const from = since();
      const res = await h.post(cardAction(scene, user, verb, data, actOpts));
      const body = (res.body ?? {}) as InvokeBody;
      const card = body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value ?? null) : null;
      return { status: res.status, body, card, calls: h.connector.calls.slice(from) };
    },
  };
  // The teacher adds the app, so Teams makes them the class's owner (nobody owns it by writing first).
  expect((await h.post(botAdded(scene, teacher))).status).toBe(200);
  return room;
}

/** The cards among some connector calls (posts and updates). */
export function cardsIn(calls: ConnectorCall[]): Card[] {
  return calls.flatMap((c) => cardsOf(c.body));
}

/**
 * The round card a command posted (the posted card that refreshes per user) as it stood after the calls:
 * the round starts right after its card is recorded, so the last update holds the running round.
 */
export function postedRoundCard(calls: ConnectorCall[]): { id: string; card: Card } {
  const call = calls.find((c) => c.method === 'POST' && cardsOf(c.body).some((k) => 'refresh' in k));
  expect(call, 'a round card was posted').toBeDefined();
  const last = calls.filter((c) => c.kind === 'update' && c.targetId === call!.id).at(-1) ?? call!;
  return { id: call!.id, card: cardsOf(last.body)[0]! };
}

/** Every Action.Execute in a card, with verb and data. */
export function actionsOf(
  card: unknown,
): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const out: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string')
        out.push({
          title: typeof o.title === 'string' ? o.title : '',
          verb: o.verb,
          data: (o.data ?? {}) as Record<string, unknown>,
        });
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

/** The data of the first button with this title; fails the test when there is none. */
export function button(card: unknown, title: string): Record<string, unknown> {
  const found = actionsOf(card).find((a) => a.title === title);
  expect(found, `button "${title}" in:\n${cardText(card)}`).toBeDefined();
  return found!.data;
}

/** Ids of inputs in a card. */
export function inputIds(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out.push(o.id);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

export { cardText };

/** Waits until the bot has made no connector call for `quietMs` (notifications from the service land late). */
export async function settle(h: BotDriver, quietMs = 400, maxMs = 15_000): Promise<void> {
  const until = Date.now() + maxMs;
  let seen = -1;
  let since = Date.now();
  while (Date.now() < until) {
    const n = h.connector.calls.length;
    if (n !== seen) {
      seen = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Text messages (not cards) among connector calls. */
export function textsIn(calls: ConnectorCall[]): string[] {
  return calls
    .filter((c) => c.method === 'POST' && typeof c.body.text === 'string' && cardsOf(c.body).length === 0)
    .map((c) => String(c.body.text));
}

/** Runs `fn` over items with at most `n` at a time, keeping the order of results. */
export async function inBatches<T, R>(
  items: T[],
  n: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Polls until `check` holds (notifications arrive on the service's schedule, not the test's); fails after `maxMs`. */
export async function waitFor(check: () => boolean, what: string, maxMs = 10_000): Promise<void> {
  const until = Date.now() + maxMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
