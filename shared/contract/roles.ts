// Plain data, no zod: the tab decides what to show by role without loading the class schemas.

export const ROLES = ['owner', 'facilitator', 'student'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may run rounds, create sessions and see analytics. */
export function canFacilitate(role: Role | null | undefined): boolean {
  return role === 'owner' || role === 'facilitator';
}
