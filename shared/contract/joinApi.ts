import { z } from 'zod';
import { ClassSchema, JoinLinkSchema, JoinTokenSchema } from './classes';
import { ClassIdSchema } from './ids';
import { defineOperation } from './operation';

const classParams = z.object({ classId: ClassIdSchema }).strict();

/** Joining outside Teams: a class's join link (and its QR code), rotated by facilitators, followed by students. */
export const joinOperations = {
  getJoinLink: defineOperation({
    method: 'get',
    path: '/api/v1/classes/:classId/join-link',
    summary: "The class's join link (`/join/<token>`) and a Teams deep link to its tab",
    tag: 'members',
    auth: 'user',
    access: 'facilitator',
    params: classParams,
    response: JoinLinkSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  rotateJoinLink: defineOperation({
    method: 'post',
    path: '/api/v1/classes/:classId/join-link',
    summary: 'Make a new join link; the old link and its QR code stop working (audited)',
    tag: 'members',
    auth: 'user',
    access: 'facilitator',
    params: classParams,
    body: z.object({}).strict(),
    response: JoinLinkSchema,
    status: 200,
    errors: ['not_found', 'insufficient_role'],
  }),
  joinByLink: defineOperation({
    method: 'post',
    path: '/api/v1/join/:token',
    summary:
      "Join the link's class as a student (members keep their role); an unknown or rotated link is not found",
    tag: 'members',
    auth: 'user',
    access: 'self',
    params: z.object({ token: JoinTokenSchema }).strict(),
    body: z.object({}).strict(),
    response: ClassSchema,
    status: 200,
    errors: ['not_found'],
  }),
} as const;
