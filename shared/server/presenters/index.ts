import type { Class, ConversationRef, Member, Role } from '../../contract/classes';
import { ClassSettingsSchema, canFacilitate } from '../../contract/classes';
import type { ClassId, SessionId } from '../../contract/ids';
import type { TeamsBasis } from '../../contract/teams';
import type { Session } from '../../contract/sessions';
import type { ClassRow } from '../storage/stores/classStore';
import type { MemberRow } from '../storage/stores/memberStore';
import type { SessionRow } from '../storage/stores/sessionStore';

const iso = (ms: number) => new Date(ms).toISOString();

function conversationOf(row: ClassRow): ConversationRef | null {
  if (!row.conversation_kind || !row.conversation_id) return null;
  const ref: ConversationRef = {
    kind: row.conversation_kind as ConversationRef['kind'],
    conversationId: row.conversation_id,
  };
  if (row.team_id) ref.teamId = row.team_id;
  if (row.channel_id) ref.channelId = row.channel_id;
  if (row.meeting_id) ref.meetingId = row.meeting_id;
  return ref;
}

export function parseSettings(raw: string) {
  return ClassSettingsSchema.parse(JSON.parse(raw));
}

/** A class as the caller may see it: the join code only for those who can facilitate. */
export function presentClass(row: ClassRow, myRole: Role): Class {
  return {
    id: row.id as ClassId,
    tenantId: row.tenant_id,
    name: row.name,
    conversation: conversationOf(row),
    settings: parseSettings(row.settings),
    myRole,
    joinCode: canFacilitate(myRole) ? row.join_code : null,
    createdAt: iso(row.created_at),
  };
}

export function presentMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    name: row.name,
    role: row.role as Role,
    source: row.role_source === 'teams' ? 'teams' : 'granted',
    teamsBasis: row.role_source === 'teams' ? ((row.teams_basis as TeamsBasis | null) ?? null) : null,
    joinedAt: iso(row.joined_at),
  };
}

export function presentSession(row: SessionRow): Session {
  return {
    id: row.id as SessionId,
    classId: row.class_id as ClassId,
    title: row.title,
    status: row.status as Session['status'],
    createdBy: row.created_by,
    startedAt: iso(row.started_at),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
  };
}
