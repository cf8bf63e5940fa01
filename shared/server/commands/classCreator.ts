import type { ClassCreate, ClassSettings, ConversationRef } from '../../contract/classes';
import type { TeamsRole } from '../../contract/teams';
import { ClassSettingsSchema } from '../../contract/classes';
import type { Principal } from '../auth/principal';
import { newId, newJoinCode } from '../storage/ids';
import type { Storage } from '../storage/stores';
import { conversationColumns, type ClassRow } from '../storage/stores/classStore';

export interface ClassCreatorProps {
  storage: Storage;
  principal: Principal;
  name: string;
  conversation?: ConversationRef | undefined;
  settings?: ClassCreate['settings'];
  /** The creator's role when Teams gives it (a presenter facilitates); without it the creator owns. */
  role?: TeamsRole;
  now?: number;
}

/** Creates a class with the caller as its owner (or in their Teams role), atomically. Throws a unique violation on a bound conversation. */
export async function classCreator(props: ClassCreatorProps): Promise<ClassRow> {
  const now = props.now ?? Date.now();
  const settings: ClassSettings = ClassSettingsSchema.parse(props.settings ?? {});
  const row: ClassRow = {
    id: newId('cls'),
    tenant_id: props.principal.tenantId,
    name: props.name,
    ...conversationColumns(props.conversation),
    settings: JSON.stringify(settings),
    join_code: newJoinCode(),
    join_token: null,
    created_by: props.principal.userId,
    created_at: now,
  };
  await props.storage.transaction(async (stores) => {
    await stores.classes.insert(row);
    await stores.members.insertIfMissing({
      class_id: row.id,
      tenant_id: row.tenant_id,
      user_id: props.principal.userId,
      name: props.principal.name,
      role: props.role?.role ?? 'owner',
      role_source: props.role ? 'teams' : 'granted',
      teams_basis: props.role?.basis ?? null,
      joined_at: now,
    });
  });
  return row;
}
