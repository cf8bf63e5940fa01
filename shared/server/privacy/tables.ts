import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema';

/** Row types of the privacy tables (migration 005). Times are epoch milliseconds. */
export type AuditLogTable = {
  id: string;
  tenant_id: string;
  at: number;
  actor_id: string;
  action: string;
  class_id: string | null;
  subject: string | null;
  /** JSON object. */
  details: string;
};

export type RetentionPoliciesTable = {
  tenant_id: string;
  /** '' for the tenant's default. */
  class_id: string;
  days: number;
  updated_by: string;
  updated_at: number;
};

export type JobLeasesTable = {
  name: string;
  owner: string | null;
  lease_until: number;
  last_run_at: number | null;
};

export type PrivacyTables = {
  audit_log: AuditLogTable;
  retention_policies: RetentionPoliciesTable;
  job_leases: JobLeasesTable;
};

export type PrivacyDb = Kysely<DatabaseSchema & PrivacyTables>;

/** The service's database handle, typed with the privacy tables too. */
export function privacyDb(db: Kysely<DatabaseSchema>): PrivacyDb {
  return db.withTables<PrivacyTables>();
}
