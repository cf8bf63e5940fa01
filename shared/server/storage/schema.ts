import type { Generated } from 'kysely';

/** Row types of the database. Times are epoch milliseconds; booleans are 0/1 in both dialects. */
export interface ClassesTable {
  id: string;
  tenant_id: string;
  name: string;
  conversation_kind: string | null;
  conversation_id: string | null;
  team_id: string | null;
  channel_id: string | null;
  meeting_id: string | null;
  settings: string;
  join_code: string;
  created_by: string;
  created_at: number;
}

export interface MembersTable {
  class_id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  role: string;
  joined_at: number;
}

export interface SessionsTable {
  id: string;
  class_id: string;
  tenant_id: string;
  title: string;
  status: string;
  created_by: string;
  started_at: number;
  ended_at: number | null;
}

export interface SessionEventsTable {
  id: Generated<number>;
  session_id: string;
  /** `all`, `facilitators` or `user:<userId>`. */
  audience: string;
  /** The event as JSON. */
  payload: string;
  created_at: number;
}

export interface DatabaseSchema {
  classes: ClassesTable;
  members: MembersTable;
  sessions: SessionsTable;
  session_events: SessionEventsTable;
}
