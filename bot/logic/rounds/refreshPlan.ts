import type { ConversationPort, TeamsMember } from '../types';

/** Teams refreshes a card automatically for at most 60 listed people. */
export const AUTO_REFRESH_MAX = 60;

/** Who gets their own view automatically, and whether everyone else needs a "Show my view" button. */
export interface RefreshPlan {
  userIds: string[];
  showMyView: boolean;
}

/**
 * Small conversations list everyone, so each person's card turns into their own view by itself. Larger ones
 * list who matters most (`first`: the facilitator; then `priority`: people with private news, such as
 * their discussion partner) and give everyone else a button.
 */
export function planRefresh(input: {
  members: TeamsMember[];
  more: boolean;
  first: string[];
  priority?: string[];
}): RefreshPlan {
  const everyone = !input.more && input.members.length <= AUTO_REFRESH_MAX;
  const ids = new Set(input.first.filter(Boolean));
  if (everyone) {
    for (const m of input.members) ids.add(m.mri);
    // A facilitator Teams did not list (a guest) still counts; keep the cap.
    return { userIds: [...ids].slice(0, AUTO_REFRESH_MAX), showMyView: ids.size > AUTO_REFRESH_MAX };
  }
  const wanted = new Set(input.priority ?? []);
  for (const m of input.members) if (wanted.has(m.userId)) ids.add(m.mri);
  return { userIds: [...ids].slice(0, AUTO_REFRESH_MAX), showMyView: true };
}

/**
 * Lists the conversation once (61 at most) and plans the refresh. `firstUserIds` (Entra ids) go first; in a
 * large conversation the `priority` people the listing missed are looked up one by one, up to the cap.
 */
export async function refreshFor(
  port: ConversationPort,
  opts: { firstMris?: string[]; firstUserIds?: string[]; priority?: string[] },
): Promise<RefreshPlan> {
  const listed = await port.members(AUTO_REFRESH_MAX + 1);
  const known = new Map(listed.members.map((m) => [m.userId, m]));
  const lookUp = async (userIds: string[]) => {
    const found = await Promise.all(userIds.filter((u) => !known.has(u)).map((u) => port.member(u)));
    for (const m of found) if (m) known.set(m.userId, m);
  };
  await lookUp(opts.firstUserIds ?? []);
  const first = [...(opts.firstMris ?? [])];
  for (const userId of opts.firstUserIds ?? []) {
    const m = known.get(userId);
    if (m) first.push(m.mri);
  }
  const large = listed.more || listed.members.length > AUTO_REFRESH_MAX;
  if (large && opts.priority) await lookUp(opts.priority.slice(0, AUTO_REFRESH_MAX));
  return planRefresh({
    members: large ? [...known.values()] : listed.members,
    more: large,
    first,
    priority: opts.priority ?? [],
  });
}
