import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { mintBotToken } from '../../client/botToken';
import { StoaClient } from '../../client/client';
import { StoaApiError } from '../../client/errors';
import { DEV_BOT_SECRET } from '../../contract/auth';
import type { Class, ConversationRef } from '../../contract/classes';
import type { ErrorId } from '../../contract/errors';
import type { Session } from '../../contract/sessions';
import type { TeamsStanding } from '../../contract/teams';
import { buildUser, type TestService, type TestUser } from './testService';

/** A person in a test, with a client signed in as them. */
export interface Actor {
  user: TestUser;
  client: StoaClient;
}

/** A class with one person in every position the access rules distinguish. */
export interface ClassWorld {
  cls: Class;
  owner: Actor;
  facilitator: Actor;
  student: Actor;
  /** Same tenant, not a member. */
  outsider: Actor;
  /**
   * Another tenant, with the owner's very user id: proves that lookups are scoped by tenant and not
   * only by user id.
   */
  otherTenant: Actor;
}

/** Signs a user in through the service's dev token endpoint. */
export async function actor(t: TestService, overrides: Partial<TestUser> = {}): Promise<Actor> {
  const user = buildUser(overrides);
  return { user, client: await t.as(user) };
}

/** A client that acts for `user` with the bot's credential, as the Teams bot does (in `conversationId`). */
export async function botActingFor(
  t: TestService,
  user: TestUser,
  secret = DEV_BOT_SECRET,
  conversationId?: string,
) {
  const token = await mintBotToken(secret, { ...user, ...(conversationId ? { conversationId } : {}) });
  return new StoaClient({ baseUrl: t.url, getToken: () => token });
}

/**
 * The bot acting for `user` in `conversation` with what Teams says about them there (`teams`); by default
 * the way it does for the person who adds the app, who owns the conversation's class.
 */
export async function botInConversation(
  t: TestService,
  user: TestUser,
  conversation: ConversationRef,
  teams: TeamsStanding = { member: true, userType: 'user', installer: true },
) {
  const bot = await botActingFor(t, user, DEV_BOT_SECRET, conversation.conversationId);
  const ensure = (name = 'Physics 101', standing: TeamsStanding = teams) =>
    bot.call('ensureClass', { body: { name, conversation, teams: standing } });
  return { bot, ensure };
}

/** A client whose bearer token is not a JWT at all. */
export function garbageClient(t: TestService): StoaClient {
  return new StoaClient({ baseUrl: t.url, getToken: () => 'not.a.jwt' });
}

/** A Teams conversation reference with a fresh id. */
export function buildConversation(overrides: Partial<ConversationRef> = {}): ConversationRef {
  return {
    kind: 'groupChat',
    conversationId: `19:${randomBytes(8).toString('hex')}@thread.v2`,
    ...overrides,
  };
}

/** Creates a class owned by a fresh owner, with a facilitator, a student, an outsider and another tenant's user. */
export async function buildClass(
  t: TestService,
  overrides: { name?: string; conversation?: ConversationRef } = {},
): Promise<ClassWorld> {
  const owner = await actor(t);
  const name = overrides.name ?? 'Physics 101';
  // A Teams conversation's class is made the way Teams makes it: by its installer, through the bot.
  const cls = overrides.conversation
    ? (await (await botInConversation(t, owner.user, overrides.conversation)).ensure(name)).class
    : await owner.client.call('createClass', { body: { name } });
  const joinCode = cls.joinCode ?? '';
  const facilitator = await actor(t);
  await facilitator.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode } });
  await owner.client.call('setMemberRole', {
    params: { classId: cls.id, userId: facilitator.user.userId },
    body: { role: 'facilitator' },
  });
  const student = await actor(t);
  await student.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode } });
  const outsider = await actor(t);
  const otherTenant = await actor(t, { tenantId: 'tenant-b', userId: owner.user.userId });
  return { cls, owner, facilitator, student, outsider, otherTenant };
}

/** Starts a session of the world's class as its owner. */
export function buildSession(world: ClassWorld, title = 'Lecture 1'): Promise<Session> {
  return world.owner.client.call('createSession', { params: { classId: world.cls.id }, body: { title } });
}

/** Awaits a call that must fail, and checks the service's status and error id. */
export async function expectApiError(call: Promise<unknown>, status: number, id: ErrorId) {
  const err = await call.then(
    (value: unknown) => new Error(`expected ${status} ${id}, got success: ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoaApiError);
  const apiError = err as StoaApiError;
  expect({ status: apiError.status, id: apiError.id }).toEqual({ status, id });
  return apiError;
}

/** Casts a deliberately wrong value past the client's types, to send what a broken client would. */
export function wrong(value: unknown): never {
  return value as never;
}
