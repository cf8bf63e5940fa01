import { z } from 'zod';
import { BackstageExportSchema } from './backstage/schemas';
import { RoleSchema } from './classes';
import { PageQuerySchema, pageOf } from './common';
import { ClassIdSchema, UserIdSchema } from './ids';
import { defineOperation } from './operation';
import { ConfidenceSchema } from './rounds/state';

/** Longest retention a policy may set, in days (ten years). */
export const RETENTION_DAYS_MAX = 3650;

const userParams = z.object({ userId: UserIdSchema }).strict();
const empty = z.object({}).strict();
const iso = z.iso.datetime();

/** What a record in the audit trail is about. */
export const AuditActionSchema = z
  .enum([
    'member_role_changed',
    'data_exported',
    'user_erased',
    'retention_policy_changed',
    'retention_run',
    'dashboard_exported',
    'csv_exported',
    'join_link_rotated',
  ])
  .meta({ id: 'AuditAction' });
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** One record of the audit trail: who did what, when. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: iso,
    /** Who acted: a user id, a pseudonym once that user was erased, or `stoa:system` for scheduled jobs. */
    actorId: z.string(),
    action: AuditActionSchema,
    classId: z.string().nullable(),
    /** The person or thing acted on (a user id, a pseudonym after erasure), if any. */
    subject: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema).meta({ id: 'AuditPage' });

const roundRef = { roundId: z.string(), sessionId: z.string(), classId: z.string() };

/**
 * Everything Stoa holds about one person, as JSON, plus a readable Markdown `summary`. Other people appear
 * in it by no id and no name: a question's author is never shown, not even for the subject's own votes.
 */
export const PersonalExportSchema = z
  .object({
    formatVersion: z.literal(1),
    generatedAt: iso,
    subject: z.object({ tenantId: z.string(), userId: z.string(), names: z.array(z.string()) }),
    memberships: z.array(
      z.object({ classId: z.string(), className: z.string(), role: RoleSchema, joinedAt: iso }),
    ),
    classesCreated: z.array(z.object({ classId: z.string(), name: z.string(), createdAt: iso })),
    sessionsCreated: z.array(
      z.object({ sessionId: z.string(), classId: z.string(), title: z.string(), startedAt: iso }),
    ),
    rounds: z.object({
      created: z.array(z.object({ ...roundRef, kind: z.string(), createdAt: iso })),
      answers: z.array(
        z.object({
          ...roundRef,
          question: z.string(),
          vote: z.enum(['first', 'revote']),
          option: z.int(),
          optionText: z.string().nullable(),
          confidence: ConfidenceSchema,
          at: iso,
        }),
      ),
      questions: z.array(
        z.object({
          ...roundRef,
          questionId: z.string(),
          text: z.string(),
          anonymous: z.boolean(),
          createdAt: iso,
          upvotes: z.int(),
          downvotes: z.int(),
        }),
      ),
      votes: z.array(
        z.object({ ...roundRef, questionId: z.string(), questionText: z.string(), value: z.int() }),
      ),
      peerAnswers: z.array(
        z.object({
          ...roundRef,
          answerId: z.string(),
          questionId: z.string(),
          text: z.string(),
          anonymous: z.boolean(),
          endorsed: z.boolean(),
          createdAt: iso,
        }),
      ),
      ratings: z.array(z.object({ ...roundRef, answerId: z.string(), value: z.int() })),
      muddyPoints: z.array(
        z.object({
          ...roundRef,
          pointId: z.string(),
          text: z.string(),
          headingId: z.string().nullable(),
          anonymous: z.boolean(),
          createdAt: iso,
        }),
      ),
      pollAnswers: z.array(
        z.object({ ...roundRef, question: z.string(), option: z.int(), optionText: z.string(), at: iso }),
      ),
      words: z.array(
        z.object({ ...roundRef, entryId: z.string(), text: z.string(), status: z.string(), createdAt: iso }),
      ),
    }),
    notes: z.object({
      annotations: z.array(
        z.object({
          sessionId: z.string(),
          annotationId: z.string(),
          kind: z.string(),
          quote: z.string(),
          anonymous: z.boolean(),
          resolved: z.boolean(),
          createdAt: iso,
        }),
      ),
      comments: z.array(
        z.object({
          sessionId: z.string(),
          annotationId: z.string(),
          commentId: z.string(),
          text: z.string(),
          anonymous: z.boolean(),
          at: iso,
        }),
      ),
      versions: z.array(
        z.object({
          sessionId: z.string(),
          versionId: z.string(),
          name: z.string(),
          kind: z.string(),
          createdAt: iso,
        }),
      ),
    }),
    /**
     * Live updates the service addressed to the subject alone (their own view of a round), reduced to what
     * was theirs: their votes, the size (not the members) of their discussion group, the questions they
     * were assigned, their muddiest point. Nobody else is named.
     */
    privateEvents: z.array(
      z.object({
        sessionId: z.string(),
        at: iso,
        type: z.string(),
        roundId: z.string().nullable(),
        kind: z.string().nullable(),
        phase: z.string().nullable(),
        content: z.record(z.string(), z.unknown()),
      }),
    ),
    /**
     * The audit trail's entries about the subject: what they did (`as: 'actor'`) and what was done to them
     * (`as: 'subject'`, such as a role change or an administrator's export), never who else was involved.
     */
    audit: z.array(
      z.object({
        at: iso,
        action: AuditActionSchema,
        classId: z.string().nullable(),
        as: z.enum(['actor', 'subject']),
        /** The new role, for a role change. */
        role: z.string().nullable(),
      }),
    ),
    /** Always-on questions and moderation (absent where nothing of it concerns the person). */
    backstage: BackstageExportSchema.optional(),
    /** The same content as a readable Markdown document. */
    summary: z.string(),
  })
  .meta({ id: 'PersonalExport' });
export type PersonalExport = z.infer<typeof PersonalExportSchema>;

/** What an erasure changed; an erasure of someone already erased changes nothing and counts zeros. */
export const ErasureResultSchema = z
  .object({
    erased: z.literal(true),
    /** Rows deleted or made unlinkable, by kind. */
    counts: z.record(z.string(), z.int().min(0)),
  })
  .meta({ id: 'ErasureResult' });
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

/** A retention rule: days after a class's last activity; `classId` null for the tenant's default. */
export const RetentionPolicySchema = z
  .object({
    classId: ClassIdSchema.nullable(),
    /** Null: keep until deleted by hand. */
    days: z.int().min(1).max(RETENTION_DAYS_MAX).nullable(),
  })
  .meta({ id: 'RetentionPolicy' });
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export const RetentionPolicyUpdateSchema = z
  .object({
    classId: ClassIdSchema.nullable().default(null),
    days: z.int().min(1).max(RETENTION_DAYS_MAX).nullable(),
  })
  .strict()
  .meta({ id: 'RetentionPolicyUpdate' });

/** A class the retention job would delete now, with how much goes with it. */
export const RetentionCandidateSchema = z
  .object({
    classId: z.string(),
    className: z.string(),
    lastActivityAt: iso,
    expiredAt: iso,
    days: z.int(),
    sessions: z.int().min(0),
    rounds: z.int().min(0),
    members: z.int().min(0),
  })
  .meta({ id: 'RetentionCandidate' });

/** A tenant's retention settings and a dry run: what the job would delete if it ran now. */
export const RetentionOverviewSchema = z
  .object({
    /** The deployment's default (RETENTION_DEFAULT_DAYS), used when the tenant sets none. */
    deploymentDefaultDays: z.int().nullable(),
    /** Days the audit trail is kept (AUDIT_RETENTION_DAYS). */
    auditDays: z.int(),
    policies: z.array(RetentionPolicySchema),
    dryRun: z.array(RetentionCandidateSchema),
  })
  .meta({ id: 'RetentionOverview' });
export type RetentionOverview = z.infer<typeof RetentionOverviewSchema>;

/** Privacy operations (export, erasure, retention, audit); merged into `operations` in api.ts. */
export const privacyOperations = {
  exportMyData: defineOperation({
    method: 'get',
    path: '/api/v1/me/export',
    summary: 'Everything Stoa holds about the caller, as JSON with a readable Markdown summary',
    tag: 'privacy',
    auth: 'user',
    access: 'self',
    response: PersonalExportSchema,
    status: 200,
    errors: [],
  }),
  eraseMyData: defineOperation({
    method: 'post',
    path: '/api/v1/me/erase',
    summary: "Erase the caller's personal data, where the tenant allows students to do it themselves",
    tag: 'privacy',
    auth: 'user',
    access: 'self',
    body: empty,
    response: ErasureResultSchema,
    status: 200,
    errors: ['forbidden'],
  }),
  exportUserData: defineOperation({
    method: 'get',
    path: '/api/v1/admin/users/:userId/export',
    summary: "Everything Stoa holds about a user of the caller's tenant (tenant administrators)",
    tag: 'privacy',
    auth: 'user',
    access: 'admin',
    params: userParams,
    response: PersonalExportSchema,
    status: 200,
    errors: ['insufficient_role', 'not_found'],
  }),
  eraseUser: defineOperation({
    method: 'post',
    path: '/api/v1/admin/users/:userId/erase',
    summary:
      "Erase a user of the caller's tenant: personal rows deleted, their texts removed, round aggregates kept under a pseudonym per round, note authorship removed (idempotent; tenant administrators)",
    tag: 'privacy',
    auth: 'user',
    access: 'admin',
    params: userParams,
    body: empty,
    response: ErasureResultSchema,
    status: 200,
    errors: ['insufficient_role'],
  }),
  listAuditEntries: defineOperation({
    method: 'get',
    path: '/api/v1/admin/audit',
    summary: "The tenant's audit trail, newest first (tenant administrators)",
    tag: 'privacy',
    auth: 'user',
    access: 'admin',
    query: PageQuerySchema,
    response: AuditPageSchema,
    status: 200,
    errors: ['insufficient_role'],
  }),
  getRetention: defineOperation({
    method: 'get',
    path: '/api/v1/admin/retention',
    summary: "The tenant's retention policies and a dry run of what the retention job would delete now",
    tag: 'privacy',
    auth: 'user',
    access: 'admin',
    response: RetentionOverviewSchema,
    status: 200,
    errors: ['insufficient_role'],
  }),
  setRetentionPolicy: defineOperation({
    method: 'put',
    path: '/api/v1/admin/retention',
    summary: "Set the tenant's retention (classId null) or one class's; days null removes the rule",
    tag: 'privacy',
    auth: 'user',
    access: 'admin',
    body: RetentionPolicyUpdateSchema,
    response: RetentionOverviewSchema,
    status: 200,
    errors: ['insufficient_role', 'not_found'],
  }),
} as const;
