import { z } from 'zod';
import { SessionIdSchema } from './ids';
import { defineOperation } from './operation';

/**
 * Who wrote an anonymous flag or comment. The note's document goes to every member of the class, so an
 * anonymous item carries no identity in it; its author is recorded here instead, where the service shows
 * it to the class's facilitators and to the author alone (and never records it in a fully anonymous class).
 */

/** Annotation and comment ids, made by the tab (`newAnnotationId`: 18 base-36 characters). */
export const AnnotationIdSchema = z.string().regex(/^[0-9a-z]{6,40}$/);

export const AnnotationClaimSchema = z
  .object({
    /** The comment of a thread the caller wrote; absent for the flag or thread itself. */
    commentId: AnnotationIdSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'AnnotationClaim' });

export const AnnotationClaimResultSchema = z
  .object({
    /** False in a fully anonymous class: nothing about the author is kept, by design. */
    recorded: z.boolean(),
  })
  .meta({ id: 'AnnotationClaimResult' });

export const AnnotationAuthorSchema = z
  .object({
    annotationId: AnnotationIdSchema,
    commentId: AnnotationIdSchema.nullable(),
    userId: z.string(),
    name: z.string(),
    /** True for the caller's own items. */
    mine: z.boolean(),
  })
  .meta({ id: 'AnnotationAuthor' });
export type AnnotationAuthor = z.infer<typeof AnnotationAuthorSchema>;

export const AnnotationAuthorListSchema = z
  .object({ items: z.array(AnnotationAuthorSchema) })
  .meta({ id: 'AnnotationAuthorList' });

const sessionParams = z.object({ sessionId: SessionIdSchema }).strict();
const annotationParams = z.object({ sessionId: SessionIdSchema, annotationId: AnnotationIdSchema }).strict();

/** Annotation authorship operations; merged into `operations` in api.ts. */
export const annotationOperations = {
  claimAnnotationAuthor: defineOperation({
    method: 'put',
    path: '/api/v1/sessions/:sessionId/annotations/:annotationId/author',
    summary:
      'Record the caller as the author of an anonymous flag, thread or comment of the note (kept for facilitators, never in the document)',
    tag: 'notes',
    auth: 'user',
    access: 'member',
    params: annotationParams,
    body: AnnotationClaimSchema,
    response: AnnotationClaimResultSchema,
    status: 200,
    errors: ['not_found', 'conflict'],
  }),
  listAnnotationAuthors: defineOperation({
    method: 'get',
    path: '/api/v1/sessions/:sessionId/annotations/authors',
    summary:
      "Authors of the note's anonymous items: every one for facilitators, the caller's own for students",
    tag: 'notes',
    auth: 'user',
    access: 'member',
    params: sessionParams,
    response: AnnotationAuthorListSchema,
    status: 200,
    errors: ['not_found'],
  }),
} as const;
