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
  /** The join link's secret (`/join/<token>`); null until a facilitator first asks for the link. */
  join_token: string | null;
  created_by: string;
  created_at: number;
}

export interface MembersTable {
  class_id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  role: string;
  /** `teams` when the role follows Teams (refreshed on every vouched turn), `granted` when a person gave it. */
  role_source: string;
  /** Why Teams gives the role (`TeamsBasis`), or null. */
  teams_basis: string | null;
  joined_at: number;
}

/** Who added the app to a team or chat (see migration 008). */
export interface TeamsInstallsTable {
  tenant_id: string;
  scope_id: string;
  installer_id: string;
  installer_name: string;
  service_url: string | null;
  installed_at: number;
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

/** A session whose notes a facilitator locked (read-only for students); no row: unlocked. */
export interface NoteLocksTable {
  session_id: string;
  locked_at: number;
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

export interface NoteUpdatesTable {
  id: Generated<number>;
  session_id: string;
  /** Length-prefixed Yjs updates (lib0 varUint8Array each), all written by one flush. */
  data: Uint8Array;
  update_count: number;
  created_at: number;
}

export interface NoteSnapshotsTable {
  session_id: string;
  gen: number;
  /** The note's state at compaction time, as a Yjs update in the `encoding` given (1: v1, 2: v2). */
  data: Uint8Array;
  edited_at: number;
  compacted_at: number;
  encoding: Generated<number>;
}

export interface NoteVersionsTable {
  id: string;
  session_id: string;
  tenant_id: string;
  name: string;
  kind: string;
  created_by: string;
  created_by_name: string;
  created_at: number;
  size_bytes: number;
  data: Uint8Array;
}

export interface RoundsTable {
  id: string;
  session_id: string;
  class_id: string;
  tenant_id: string;
  kind: string;
  phase: string;
  /** Deadline of the current phase; the scheduler fires `closePhase` when it passes. */
  deadline_at: number | null;
  /** The round state as JSON after event `snapshot_seq`; later events are replayed on load. */
  snapshot: string;
  snapshot_seq: number;
  /** Seq of the event whose phase and deadline the row shows. */
  phase_seq: number;
  /** Until when one instance holds the right to fire `deadline_at`. */
  lease_until: number | null;
  lease_owner: string | null;
  card_conversation_id: string | null;
  card_activity_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface RoundEventsTable {
  round_id: string;
  seq: number;
  /** The event as it was submitted (JSON); replayed through `reduce` with the stored context. */
  event: string;
  actor_id: string;
  /** `{ userId, role, name }` as JSON. */
  actor: string;
  /** The `now` the event was reduced with. */
  at: number;
  seed: number;
  idempotency_key: string | null;
  /** Extra reduce context as JSON (the notes passage an asked question matched), or null. */
  context: string | null;
}

export interface ConversationRefsTable {
  class_id: string;
  tenant_id: string;
  /** The Bot Framework conversation reference as JSON. */
  reference: string;
  updated_by: string;
  updated_at: number;
}

/** Authors of anonymous note annotations (see migration 006); `comment_id` '' is the annotation itself. */
export interface AnnotationAuthorsTable {
  session_id: string;
  annotation_id: string;
  comment_id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  created_at: number;
}

export interface DatabaseSchema extends BackstageSchema {
  classes: ClassesTable;
  members: MembersTable;
  sessions: SessionsTable;
  session_events: SessionEventsTable;
  note_updates: NoteUpdatesTable;
  note_snapshots: NoteSnapshotsTable;
  note_versions: NoteVersionsTable;
  rounds: RoundsTable;
  round_events: RoundEventsTable;
  conversation_refs: ConversationRefsTable;
  annotation_authors: AnnotationAuthorsTable;
  note_locks: NoteLocksTable;
}

/** Always-on questions of a session (migration 010); `matched` and `assigned_to` are JSON arrays. */
export interface BackstageQuestionsTable {
  id: string;
  session_id: string;
  class_id: string;
  tenant_id: string;
  author_id: string;
  author_name: string;
  anonymous: number;
  text: string;
  status: string;
  matched: string;
  pinned: number;
  answered: number;
  duplicate_of: string | null;
  answered_in_notes: string | null;
  assigned_to: string;
  up: number;
  down: number;
  created_at: number;
}

export interface BackstageVotesTable {
  question_id: string;
  session_id: string;
  tenant_id: string;
  user_id: string;
  value: number;
  at: number;
}

export interface BackstageAnswersTable {
  id: string;
  question_id: string;
  session_id: string;
  class_id: string;
  tenant_id: string;
  author_id: string;
  author_name: string;
  anonymous: number;
  by_facilitator: number;
  text: string;
  status: string;
  matched: string;
  created_at: number;
}

/** The backstage's append-only event log (`BackstageEvent` JSON), replayable through the pure model. */
export interface BackstageLogTable {
  id: Generated<number>;
  session_id: string;
  event: string;
  at: number;
}

/** Every moderation action of a class (the moderation audit trail). */
export interface ModerationActionsTable {
  id: Generated<number>;
  class_id: string;
  tenant_id: string;
  session_id: string | null;
  actor_id: string;
  action: string;
  item_kind: string | null;
  item_id: string | null;
  subject_user_id: string | null;
  detail: string | null;
  at: number;
}

export interface ModerationReportsTable {
  class_id: string;
  session_id: string;
  tenant_id: string;
  item_kind: string;
  item_id: string;
  reporter_id: string;
  reason: string;
  created_at: number;
  resolved_at: number | null;
}

export interface ModerationSettingsTable {
  class_id: string;
  tenant_id: string;
  queue_all: number;
  words: string;
  updated_at: number;
}

export interface PostingPausesTable {
  class_id: string;
  tenant_id: string;
  user_id: string;
  until: number;
  by_id: string;
  at: number;
}

/** Tables of the backstage and moderation (migration 010). */
export interface BackstageSchema {
  backstage_questions: BackstageQuestionsTable;
  backstage_votes: BackstageVotesTable;
  backstage_answers: BackstageAnswersTable;
  backstage_log: BackstageLogTable;
  moderation_actions: ModerationActionsTable;
  moderation_reports: ModerationReportsTable;
  moderation_settings: ModerationSettingsTable;
  posting_pauses: PostingPausesTable;
  teams_installs: TeamsInstallsTable;
}
