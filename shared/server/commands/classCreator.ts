import type { ClassCreate, ClassSettings, ConversationRef } from '../../contract/classes';
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
  now?: number;
}

/** Creates a class and makes the caller its owner, atomically. Throws a unique violation on a bound conversation. */
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
      role: 'owner',
      joined_at: now,
    });
  });
  return row;
}
