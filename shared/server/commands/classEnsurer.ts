import type { ClassEnsure, ConversationRef, Role } from '../../contract/classes';
import { canFacilitate } from '../../contract/roles';
import { roleFromTeams, type TeamsRole, type TeamsStanding } from '../../contract/teams';
import type { Principal } from '../auth/principal';
import { ServiceError } from '../errors';
import { parseSettings } from '../presenters';
import { isUniqueViolation, type Storage } from '../storage/stores';
import type { ClassRow } from '../storage/stores/classStore';
import type { MemberRow } from '../storage/stores/memberStore';
import { installScope, type TeamsAsker } from '../teams/teamsAsker';
import { classCreator } from './classCreator';

export interface ClassEnsurerProps {
  storage: Storage;
  principal: Principal;
  input: ClassEnsure;
  /** Asks Teams (through the bot) about a person calling with their own token. */
  askTeams: TeamsAsker;
}

export interface EnsureResult {
  cls: ClassRow;
  role: Role;
  created: boolean;
  joined: boolean;
  /** A member's role changed because Teams changed it (for the audit trail). */
  teamsChange?: { from: Role; to: Role; basis: string };
}

const RANK: Record<Role, number> = { student: 0, facilitator: 1, owner: 2 };

/**
 * What Teams says about the caller here. The bot's word counts only for the conversation it acts in (its
 * token names it); without details it still vouches that the person is a member. A person's own token is
 * checked by asking the bot. Null: Teams could not be asked.
 */
async function standingOf(props: ClassEnsurerProps): Promise<TeamsStanding | null> {
  const { principal, input } = props;
  if (principal.via === 'bot') {
    if (principal.conversationId !== input.conversation.conversationId) return null;
    return input.teams ?? { member: true, userType: 'user' };
  }
  return props.askTeams(principal, input.conversation);
}

/** Guests and anonymous attendees join only when the class lets them (default: guests yes, anonymous no). */
function checkGuests(cls: ClassRow | undefined, standing: TeamsStanding | null, role: TeamsRole): void {
  if (!standing || role.role !== 'student' || standing.userType === 'user') return;
  const settings = cls ? parseSettings(cls.settings) : { guestsJoin: true, anonymousJoin: false };
  const allowed = standing.userType === 'guest' ? settings.guestsJoin : settings.anonymousJoin;
  if (!allowed)
    throw new ServiceError(
      'guests_not_allowed',
      'This class does not let guests join without an invitation.',
    );
}

function memberRow(cls: ClassRow, userId: string, name: string, role: TeamsRole, now: number): MemberRow {
  return {
    class_id: cls.id,
    tenant_id: cls.tenant_id,
    user_id: userId,
    name,
    role: role.role,
    role_source: 'teams',
    teams_basis: role.basis,
    joined_at: now,
  };
}

/**
 * A Teams role applies to a member when it raises them, or when their role already follows Teams (a
 * presenter made attendee loses facilitation). A role a person granted is not lowered by Teams, and Teams
 * never demotes an owner.
 */
function teamsRoleChange(member: MemberRow, next: TeamsRole): boolean {
  const current = member.role as Role;
  if (current === next.role && member.teams_basis === next.basis) return false;
  if (RANK[next.role] > RANK[current]) return true;
  return member.role_source === 'teams' && current !== 'owner';
}

/** Records who added the app (only the bot, acting in that conversation, can say so). */
async function recordInstall(props: ClassEnsurerProps, standing: TeamsStanding | null): Promise<void> {
  const { principal, input, storage } = props;
  const scope = installScope(input.conversation);
  if (principal.via === 'bot' && standing?.installer) {
    await storage.teamsInstalls.record({
      tenant_id: principal.tenantId,
      scope_id: scope,
      installer_id: principal.userId,
      installer_name: principal.name,
      service_url: standing.serviceUrl ?? null,
      installed_at: Date.now(),
    });
  } else if (principal.via === 'bot' && standing?.serviceUrl) {
    await storage.teamsInstalls.touchServiceUrl(principal.tenantId, scope, standing.serviceUrl);
  }
}

/** The installer of a team joins a new channel's class as its owner, whoever set the class up. */
async function addInstaller(storage: Storage, cls: ClassRow, ref: ConversationRef, skip: string) {
  const install = await storage.teamsInstalls.find(cls.tenant_id, installScope(ref));
  if (!install || install.installer_id === skip) return;
  await storage.members.insertIfMissing(
    memberRow(
      cls,
      install.installer_id,
      install.installer_name,
      { role: 'owner', basis: 'installer' },
      Date.now(),
    ),
  );
}

/**
 * Finds or creates the class of a Teams conversation, with roles from Teams: nobody owns or facilitates a
 * class by being first. A class is created only by someone Teams makes a facilitator here (the installer,
 * a meeting organizer or presenter, a team owner); anyone else meets `class_not_set_up`. Members Teams
 * confirms join with the role Teams gives; a Teams-derived role is refreshed on every call.
 */
export async function classEnsurer(props: ClassEnsurerProps): Promise<EnsureResult> {
  const { storage, principal, input } = props;
  const ref = input.conversation;
  if (ref.kind === 'web')
    throw new ServiceError('forbidden', 'A class outside Teams is made with createClass, not ensureClass.');
  const standing = await standingOf(props);
  await recordInstall(props, standing);
  const install = await storage.teamsInstalls.find(principal.tenantId, installScope(ref));
  const teamsRole = standing
    ? roleFromTeams(ref.kind, standing, install?.installer_id === principal.userId)
    : null;

  let cls = await storage.classes.findByConversation(principal.tenantId, ref.conversationId);
  const member = cls ? await storage.members.find(cls.id, principal.userId) : undefined;
  if (cls && member) {
    await storage.members.rename(cls.id, principal.userId, principal.name);
    if (teamsRole && teamsRoleChange(member, teamsRole)) {
      await storage.members.setTeamsRole(cls.id, principal.userId, teamsRole.role, teamsRole.basis);
      const from = member.role as Role;
      return {
        cls,
        role: teamsRole.role,
        created: false,
        joined: false,
        ...(from !== teamsRole.role
          ? { teamsChange: { from, to: teamsRole.role, basis: teamsRole.basis } }
          : {}),
      };
    }
    return { cls, role: member.role as Role, created: false, joined: false };
  }
  if (!teamsRole) {
    if (cls) throw new ServiceError('not_a_member', 'Teams does not list you in this conversation.');
    throw notSetUp();
  }
  checkGuests(cls, standing, teamsRole);
  if (!cls) {
    if (!canFacilitate(teamsRole.role)) throw notSetUp();
    try {
      cls = await classCreator({
        storage,
        principal,
        name: input.name,
        conversation: ref,
        role: teamsRole,
      });
      await addInstaller(storage, cls, ref, principal.userId);
      return { cls, role: teamsRole.role, created: true, joined: true };
    } catch (err) {
      // Two facilitators at once: the other one created it; join theirs.
      if (!isUniqueViolation(err)) throw err;
      cls = await storage.classes.findByConversation(principal.tenantId, ref.conversationId);
      if (!cls) throw err;
    }
  }
  const joined = await storage.members.insertIfMissing(
    memberRow(cls, principal.userId, principal.name, teamsRole, Date.now()),
  );
  const now = await storage.members.find(cls.id, principal.userId);
  return { cls, role: (now?.role as Role | undefined) ?? teamsRole.role, created: false, joined };
}

function notSetUp(): ServiceError {
  return new ServiceError(
    'class_not_set_up',
    'Stoa is not set up in this conversation yet. Whoever added Stoa, the meeting organizer or a presenter can start it.',
  );
}
