import { z } from 'zod';
import { LIMITS } from './limits';
import type { ConversationKind } from './classes';
import type { Role } from './roles';

/**
 * What Teams says about one person in one conversation, as the bot read it from the Bot Connector (and
 * Microsoft Graph, when configured). The bot sends it with `ensureClass` when it acts for someone, and
 * answers it when the service asks (`BOT_STANDING_PATH`); the service alone turns it into a role.
 */
export const TeamsStandingSchema = z
  .object({
    /** The connector knows the person in the conversation (team, chat or meeting chat). */
    member: z.boolean(),
    /** The connector's `userRole`: guests and anonymous meeting attendees may be kept out per class. */
    userType: z.enum(['user', 'guest', 'anonymous']).default('user'),
    /** `meeting.role` from the meeting participant API, in a meeting chat. */
    meetingRole: z.enum(['Organizer', 'Presenter', 'Attendee']).optional(),
    /** A team owner per Microsoft Graph (`roles` holds `owner`); only when Graph is configured. */
    teamOwner: z.boolean().optional(),
    /** This turn is the person adding the app here (conversationUpdate / installationUpdate). */
    installer: z.boolean().optional(),
    /** The connector this conversation is reached through; kept so the service can ask about others. */
    serviceUrl: z.url().max(LIMITS.idMax).optional(),
  })
  .strict()
  .meta({ id: 'TeamsStanding' });
export type TeamsStanding = z.infer<typeof TeamsStandingSchema>;

/** Why a role came from Teams, shown beside the person in the people list. */
export const TEAMS_BASES = [
  'installer',
  'team_owner',
  'organizer',
  'presenter',
  'attendee',
  'member',
  'personal',
] as const;
export type TeamsBasis = (typeof TEAMS_BASES)[number];

/** A role Teams gives, and why. */
export interface TeamsRole {
  role: Role;
  basis: TeamsBasis;
}

/**
 * The role Teams gives a person in a conversation: never "whoever came first". `isInstaller` says the
 * service recorded this person as the one who added the app to the team or chat (or this turn is that).
 * Teams: the installer owns every channel's class, Graph team owners facilitate. Meetings: organizer and
 * presenters facilitate. Group chats: the installer owns. Everyone else confirmed a member is a student;
 * someone Teams does not confirm gets nothing (null).
 */
export function roleFromTeams(
  kind: ConversationKind,
  standing: Pick<TeamsStanding, 'member' | 'meetingRole' | 'teamOwner'>,
  isInstaller: boolean,
): TeamsRole | null {
  if (kind === 'personal') return { role: 'owner', basis: 'personal' };
  if (isInstaller) return { role: 'owner', basis: 'installer' };
  if (!standing.member) return null;
  if (kind === 'meeting') {
    if (standing.meetingRole === 'Organizer') return { role: 'facilitator', basis: 'organizer' };
    if (standing.meetingRole === 'Presenter') return { role: 'facilitator', basis: 'presenter' };
    return { role: 'student', basis: standing.meetingRole === 'Attendee' ? 'attendee' : 'member' };
  }
  if (kind === 'channel' && standing.teamOwner) return { role: 'facilitator', basis: 'team_owner' };
  return { role: 'student', basis: 'member' };
}

/** Where the bot answers the service's "what does Teams say about this person here?" (POST, service token). */
export const BOT_STANDING_PATH = '/api/stoa/standing';

export const StandingRequestSchema = z
  .object({
    tenantId: z.string().min(1).max(LIMITS.idMax),
    userId: z.string().min(1).max(LIMITS.idMax),
    kind: z.enum(['channel', 'groupChat', 'meeting', 'personal', 'web']),
    conversationId: z.string().min(1).max(LIMITS.idMax),
    teamId: z.string().min(1).max(LIMITS.idMax).optional(),
    meetingId: z.string().min(1).max(LIMITS.idMax).optional(),
    /** Where the bot reaches Teams for this conversation (recorded by the service from the bot's turns). */
    serviceUrl: z.url().max(LIMITS.idMax),
  })
  .strict();
export type StandingRequest = z.infer<typeof StandingRequestSchema>;
