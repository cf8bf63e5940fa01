import type { PrivacyDeps } from './deps';
import { freshReplacement, type Person } from './roundEraser';

/**
 * Tables of personal data that an erasure handles row by row, one entry each. A feature that keeps
 * personal data in a table of its own (moderation, polls, ...) adds an entry here: `eraseUser` runs it
 * after the shared steps (rounds, events, notes, creators), counts what it changed under `count` in its
 * result, and makes storage forget the table's old contents afterwards. Rows that only the person can be
 * erased by deletion use `deleteRowsOf`; rows that others still need (a vote in a tally) are rewritten
 * with a fresh pseudonym per row (`freshReplacement`). Export is separate: add the kind's section to
 * `PersonalExportSchema` and `personalExport.ts`; the erasure scan (`test/erasureScan.ts`) reads every
 * table already.
 */
export interface PersonalTable {
  table: string;
  /** The key of `ErasureResult.counts` its changes are counted under. */
  count: string;
  /** Deletes or rewrites the person's rows in the tenant; returns how many changed. */
  erase(deps: PrivacyDeps, tenantId: string, person: Person): Promise<number>;
}

/** Tables with `tenant_id` and `user_id` columns whose rows belong to one person. */
type OwnRowsTable = 'members' | 'annotation_authors';

/** An erasure step that deletes the person's rows of a table keyed by tenant and user. */
export function deleteRowsOf(table: OwnRowsTable): PersonalTable['erase'] {
  return async (deps, tenantId, person) => {
    const res = await deps.db
      .deleteFrom(table)
      .where('tenant_id', '=', tenantId)
      .where('user_id', 'in', person.ids)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  };
}

export const PERSONAL_TABLES: readonly PersonalTable[] = [
  { table: 'members', count: 'memberships', erase: deleteRowsOf('members') },
  // Who wrote which anonymous annotation: nothing of it may outlive the person. After the notes step,
  // which reads it to find their anonymous comments.
  { table: 'annotation_authors', count: 'annotationAuthors', erase: deleteRowsOf('annotation_authors') },
  // Who added the app to a team or chat: the record stays (the conversation was installed), but no longer
  // names them, so no later channel is owned by a person who no longer exists here.
  { table: 'teams_installs', count: 'teamsInstalls', erase: forgetInstaller },
];

/** Rewrites the installer of every team or chat the person added the app to with a fresh pseudonym. */
async function forgetInstaller(deps: PrivacyDeps, tenantId: string, person: Person): Promise<number> {
  const rows = await deps.db
    .selectFrom('teams_installs')
    .select('scope_id')
    .where('tenant_id', '=', tenantId)
    .where('installer_id', 'in', person.ids)
    .execute();
  for (const row of rows) {
    const r = freshReplacement(person);
    await deps.db
      .updateTable('teams_installs')
      .set({ installer_id: r.pseudonym, installer_name: r.name })
      .where('tenant_id', '=', tenantId)
      .where('scope_id', '=', row.scope_id)
      .execute();
  }
  return rows.length;
}
