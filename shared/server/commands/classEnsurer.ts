import type { ClassEnsure, Role } from '../../contract/classes';
import type { Principal } from '../auth/principal';
import { ServiceError } from '../errors';
import { isUniqueViolation, type Storage } from '../storage/stores';
import type { ClassRow } from '../storage/stores/classStore';
import { classCreator } from './classCreator';

export interface ClassEnsurerProps {
  storage: Storage;
  principal: Principal;
  input: ClassEnsure;
}

export interface EnsureResult {
  cls: ClassRow;
  role: Role;
  created: boolean;
  joined: boolean;
}

/**
 * Finds or creates the class of a Teams conversation. The first caller creates it and owns it. When the bot
 * acts for a person it vouches that they are in the conversation, so they join as a student; a person
 * calling on their own must already be a member.
 */
export async function classEnsurer({ storage, principal, input }: ClassEnsurerProps): Promise<EnsureResult> {
  const { conversationId } = input.conversation;
  let cls = await storage.classes.findByConversation(principal.tenantId, conversationId);
  if (!cls) {
    try {
      cls = await classCreator({ storage, principal, name: input.name, conversation: input.conversation });
      return { cls, role: 'owner', created: true, joined: true };
    } catch (err) {
      // Two first messages at once: the other one created it; use theirs.
      if (!isUniqueViolation(err)) throw err;
      cls = await storage.classes.findByConversation(principal.tenantId, conversationId);
      if (!cls) throw err;
    }
  }
  const member = await storage.members.find(cls.id, principal.userId);
  if (member) {
    await storage.members.rename(cls.id, principal.userId, principal.name);
    return { cls, role: member.role as Role, created: false, joined: false };
  }
  if (principal.via !== 'bot') {
    throw new ServiceError(
      'not_a_member',
      'This conversation already has a class; ask a facilitator for its join code.',
    );
  }
  const joined = await storage.members.insertIfMissing({
    class_id: cls.id,
    tenant_id: cls.tenant_id,
    user_id: principal.userId,
    name: principal.name,
    role: 'student',
    joined_at: Date.now(),
  });
  const now = await storage.members.find(cls.id, principal.userId);
  return { cls, role: (now?.role as Role | undefined) ?? 'student', created: false, joined };
}
