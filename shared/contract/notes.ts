import { z } from 'zod';
import { pageOf } from './common';
import { SessionIdSchema } from './ids';

/** Limits of the notes API shared by tab and service. */
export const NOTE_LIMITS = {
  versionNameMax: 120,
  /** Nesting depth of a block written by the service into a note (lists in lists in quotes ...). */
  blockDepthMax: 24,
  /** Blocks in one server-side append. */
  appendBlocksMax: 500,
} as const;

export const NoteVersionIdSchema = z
  .string()
  .regex(/^nv_[0-9a-z]{1,60}$/)
  .brand<'NoteVersionId'>();
export type NoteVersionId = z.infer<typeof NoteVersionIdSchema>;

/** A ProseMirror mark as JSON (`bold`, `italic`, `code`, `link` with `href`, ...). */
export const NoteMarkSchema = z
  .object({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'NoteMark' });
export type NoteMark = z.infer<typeof NoteMarkSchema>;

/**
 * A ProseMirror node as JSON, the shape TipTap's `getJSON()` produces: `doc`, `paragraph`, `heading`
 * (`attrs.level`), `bulletList`, `orderedList` (`attrs.start`), `listItem`, `taskList`, `taskItem`
 * (`attrs.checked`), `codeBlock` (`attrs.language`), `blockquote`, `table`, `tableRow`, `tableHeader`,
 * `tableCell`, `inlineMath`/`blockMath` (`attrs.latex`), `hardBreak`, `horizontalRule`, `image`, and `text`.
 */
export interface NoteNode {
  type: string;
  attrs?: Record<string, unknown> | undefined;
  text?: string | undefined;
  marks?: NoteMark[] | undefined;
  content?: NoteNode[] | undefined;
}
export const NoteNodeSchema: z.ZodType<NoteNode> = z
  .object({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
    text: z.string().optional(),
    marks: z.array(NoteMarkSchema).max(16).optional(),
    get content() {
      return z.array(NoteNodeSchema).optional();
    },
  })
  .meta({ id: 'NoteNode' });

/** A session's note as a whole. */
export const NoteMetaSchema = z
  .object({
    sessionId: SessionIdSchema,
    /** Size of the document's encoded state (what a new client downloads), in bytes. */
    sizeBytes: z.number().int().nonnegative(),
    /** Bytes kept in storage for it: the compacted snapshot plus the update log since. */
    storedBytes: z.number().int().nonnegative(),
    /** The configured maximum document size, in bytes. */
    maxSizeBytes: z.number().int().positive(),
    /** Time of the last stored edit; null when nobody has written yet. */
    updatedAt: z.iso.datetime().nullable(),
    versionCount: z.number().int().nonnegative(),
    /** Clients with the note open, as far as this service instance knows (presence included). */
    connectedCount: z.number().int().nonnegative(),
    /** Whether the caller may edit it now (role, class settings, session still live, lock). */
    canEdit: z.boolean(),
    /** A facilitator locked the note: read-only for students until unlocked. */
    locked: z.boolean(),
  })
  .meta({ id: 'NoteMeta' });
export type NoteMeta = z.infer<typeof NoteMetaSchema>;

/**
 * `manual`: saved by a facilitator, kept. Automatic ones: `auto` (after activity, at most every
 * NOTES_AUTO_VERSION_MS; only the newest NOTES_AUTO_VERSIONS_KEEP are kept), `before_restore` and
 * `session_end` (kept, one per restore or session).
 */
export const NoteVersionKindSchema = z.enum(['manual', 'before_restore', 'auto', 'session_end']);
export type NoteVersionKind = z.infer<typeof NoteVersionKindSchema>;

/** A named snapshot of a note. */
export const NoteVersionSchema = z
  .object({
    id: NoteVersionIdSchema,
    sessionId: SessionIdSchema,
    name: z.string(),
    /** `before_restore`: made by the service right before a restore, so the restore can be undone. */
    kind: NoteVersionKindSchema,
    createdBy: z.object({ userId: z.string(), name: z.string() }),
    createdAt: z.iso.datetime(),
    sizeBytes: z.number().int().nonnegative(),
  })
  .meta({ id: 'NoteVersion' });
export type NoteVersion = z.infer<typeof NoteVersionSchema>;

export const NoteVersionPageSchema = pageOf(NoteVersionSchema).meta({ id: 'NoteVersionPage' });

export const NoteVersionCreateSchema = z
  .object({ name: z.string().trim().min(1).max(NOTE_LIMITS.versionNameMax) })
  .strict()
  .meta({ id: 'NoteVersionCreate' });
export type NoteVersionCreate = z.infer<typeof NoteVersionCreateSchema>;

/** A version with its content: Markdown rendered on the server and the ProseMirror JSON of the text. */
export const NoteVersionDetailSchema = z
  .object({ version: NoteVersionSchema, markdown: z.string(), content: NoteNodeSchema })
  .meta({ id: 'NoteVersionDetail' });
export type NoteVersionDetail = z.infer<typeof NoteVersionDetailSchema>;

export const NoteRestoreResultSchema = z
  .object({
    restored: NoteVersionSchema,
    /** The note as it was right before the restore. */
    backup: NoteVersionSchema,
  })
  .meta({ id: 'NoteRestoreResult' });
export type NoteRestoreResult = z.infer<typeof NoteRestoreResultSchema>;

/** Locking a note (students read only) or unlocking it; also the answer. */
export const NoteLockSchema = z.object({ locked: z.boolean() }).strict().meta({ id: 'NoteLock' });
export type NoteLock = z.infer<typeof NoteLockSchema>;

/** The Markdown export: a plain string, served as `text/markdown`. */
export const NoteMarkdownSchema = z.string().meta({ id: 'NoteMarkdown' });
