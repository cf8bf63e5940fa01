import { z } from 'zod';
import { LIMITS } from './limits';
import { ClassIdSchema } from './ids';
import { ROLES } from './roles';
import { TEAMS_BASES, TeamsStandingSchema } from './teams';

export { ROLES, canFacilitate, type Role } from './roles';
export const RoleSchema = z.enum(ROLES);

/** Where a class lives in Teams. `web` is a class made outside Teams (dev sign-in, browser). */
export const ConversationKindSchema = z.enum(['channel', 'groupChat', 'meeting', 'personal', 'web']);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

const ref = z.string().min(1).max(LIMITS.idMax);

export const ConversationRefSchema = z
  .object({
    kind: ConversationKindSchema,
    /** Teams conversation id (channel thread, chat id or meeting chat id). */
    conversationId: ref,
    teamId: ref.optional(),
    channelId: ref.optional(),
    meetingId: ref.optional(),
  })
  .strict()
  .meta({ id: 'ConversationRef' });
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

/** The time zone Stoa writes local times in (note summaries) when a class has not chosen one. */
export const DEFAULT_CLASS_TIME_ZONE = 'Europe/Stockholm';

/** Whether `tz` is an IANA time zone this runtime knows (`Europe/Stockholm`, `UTC`, ...). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name; absent in settings means `DEFAULT_CLASS_TIME_ZONE`. */
const timeZone = z.string().min(1).max(64).refine(isTimeZone, 'Not a known IANA time zone.');

export const ClassSettingsSchema = z
  .object({
    /** When true even facilitators do not see who flagged or asked anonymously. */
    fullyAnonymous: z.boolean().default(false),
    /** Whether students may edit the notes (facilitators always may). */
    studentsCanEdit: z.boolean().default(true),
    /**
     * Where the class meets, for local times Stoa writes (round summaries in the notes). Optional so
     * classes made before it read as before; absent means `DEFAULT_CLASS_TIME_ZONE`.
     */
    timeZone: timeZone.optional(),
    /** Whether Teams guests of the conversation join (as students) without a code. */
    guestsJoin: z.boolean().default(true),
    /** Whether anonymous meeting attendees join (as students) without a code. */
    anonymousJoin: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'ClassSettings' });
export type ClassSettings = z.infer<typeof ClassSettingsSchema>;

/**
 * A partial settings change. Not `ClassSettingsSchema.partial()`: in zod 4 the defaults inside would fill
 * every omitted field, so changing one setting would silently reset the others.
 */
export const ClassSettingsPatchSchema = z
  .object({
    fullyAnonymous: z.boolean().optional(),
    studentsCanEdit: z.boolean().optional(),
    timeZone: timeZone.optional(),
    guestsJoin: z.boolean().optional(),
    anonymousJoin: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'ClassSettingsPatch' });
export type ClassSettingsPatch = z.infer<typeof ClassSettingsPatchSchema>;

const className = z.string().trim().min(1).max(LIMITS.classNameMax);

export const ClassSchema = z
  .object({
    id: ClassIdSchema,
    tenantId: z.string(),
    name: z.string(),
    conversation: ConversationRefSchema.nullable(),
    settings: ClassSettingsSchema,
    /** The caller's role in this class. */
    myRole: RoleSchema,
    /** Shown to facilitators only; students get null. */
    joinCode: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Class' });
export type Class = z.infer<typeof ClassSchema>;

export const ClassCreateSchema = z
  .object({
    name: className,
    conversation: ConversationRefSchema.optional(),
    settings: ClassSettingsPatchSchema.optional(),
  })
  .strict()
  .meta({ id: 'ClassCreate' });
export type ClassCreate = z.infer<typeof ClassCreateSchema>;

export const ClassEnsureSchema = z
  .object({
    name: className,
    conversation: ConversationRefSchema,
    /**
     * What Teams says about the caller here. Honoured only from the bot acting in this very conversation;
     * a person's own token is checked by the service asking the bot instead.
     */
    teams: TeamsStandingSchema.optional(),
  })
  .strict()
  .meta({ id: 'ClassEnsure' });
export type ClassEnsure = z.infer<typeof ClassEnsureSchema>;

export const ClassEnsureResultSchema = z
  .object({ class: ClassSchema, created: z.boolean(), joined: z.boolean() })
  .meta({ id: 'ClassEnsureResult' });
export type ClassEnsureResult = z.infer<typeof ClassEnsureResultSchema>;

export const ClassUpdateSchema = z
  .object({ name: className.optional(), settings: ClassSettingsPatchSchema.optional() })
  .strict()
  .meta({ id: 'ClassUpdate' });
export type ClassUpdate = z.infer<typeof ClassUpdateSchema>;

export const JoinRequestSchema = z
  .object({ joinCode: z.string().trim().min(1).max(32) })
  .strict()
  .meta({ id: 'JoinRequest' });
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

export const MemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: RoleSchema,
    /** `teams`: the role follows Teams (see `teamsBasis`); `granted`: a person gave it (or the join code/link). */
    source: z.enum(['teams', 'granted']),
    /** Why Teams gives this role (meeting organizer, team installer...); null when granted. */
    teamsBasis: z.enum(TEAMS_BASES).nullable(),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const RoleChangeSchema = z.object({ role: RoleSchema }).strict().meta({ id: 'RoleChange' });
export type RoleChange = z.infer<typeof RoleChangeSchema>;

/** A class's join link: the token goes in `/join/<token>`; rotating it makes old links and QR codes stop working. */
export const JoinLinkSchema = z
  .object({
    token: z.string(),
    /** The tab path that joins, `/join/<token>`; the tab prefixes its own origin. */
    path: z.string(),
    /** A Teams deep link that opens the class's tab, when the class lives in a Teams channel or chat. */
    teamsDeepLink: z.string().nullable(),
  })
  .meta({ id: 'JoinLink' });
export type JoinLink = z.infer<typeof JoinLinkSchema>;

export const JoinTokenSchema = z.string().regex(/^[0-9a-z]{20,40}$/);
