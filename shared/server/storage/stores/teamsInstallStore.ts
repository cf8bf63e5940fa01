import type { Kysely } from 'kysely';
import type { DatabaseSchema, TeamsInstallsTable } from '../schema';

export type TeamsInstallRow = TeamsInstallsTable;

/** Who added the app to a team or chat, and the connector that reaches it (see migration 008). */
export class TeamsInstallStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  find(tenantId: string, scopeId: string): Promise<TeamsInstallRow | undefined> {
    return this.db
      .selectFrom('teams_installs')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('scope_id', '=', scopeId)
      .executeTakeFirst();
  }

  /** Records the latest install of a scope: a reinstall by someone else makes them its installer. */
  async record(row: TeamsInstallRow): Promise<void> {
    await this.db
      .insertInto('teams_installs')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'scope_id']).doUpdateSet({
          installer_id: row.installer_id,
          installer_name: row.installer_name,
          service_url: row.service_url,
          installed_at: row.installed_at,
        }),
      )
      .execute();
  }

  /** Keeps the connector address fresh (Teams may move a tenant to another region's connector). */
  async touchServiceUrl(tenantId: string, scopeId: string, serviceUrl: string): Promise<void> {
    await this.db
      .updateTable('teams_installs')
      .set({ service_url: serviceUrl })
      .where('tenant_id', '=', tenantId)
      .where('scope_id', '=', scopeId)
      .where((eb) => eb.or([eb('service_url', 'is', null), eb('service_url', '!=', serviceUrl)]))
      .execute();
  }
}
