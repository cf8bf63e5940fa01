import { assignColors } from './identity';

/** What a person is doing in the note, shown next to their name. */
export const ACTIVITIES = ['editing', 'commenting', 'reading', 'away'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** The awareness field the note writes besides the caret extension's `user` and `cursor`. */
export const ACTIVITY_FIELD = 'activity';

export interface Person {
  /** The user id, or the client id for a state without one. */
  key: string;
  name: string;
  color: string;
  activity: Activity;
  self: boolean;
  /** Tabs or devices the person has the note open in. */
  devices: number;
}

const rank = (a: Activity) => ACTIVITIES.indexOf(a);

/**
 * The people in a note from the awareness states (clientID → state): one entry per person however many
 * tabs they have open, with their most active state and a colour no one else present has, the viewer
 * first, then by name. States written by other clients are not trusted to be well-formed.
 */
export function presentPeople(
  states: ReadonlyMap<number, Record<string, unknown>>,
  selfClientId: number,
  selfUserId: string,
): Person[] {
  const people = new Map<string, Person>();
  for (const [clientId, state] of states) {
    const user = state.user as Record<string, unknown> | undefined;
    if (!user || typeof user.name !== 'string' || !user.name.trim()) continue;
    const id = typeof user.id === 'string' && user.id ? user.id : `client:${clientId}`;
    const raw = state[ACTIVITY_FIELD];
    const activity: Activity = ACTIVITIES.includes(raw as Activity) ? (raw as Activity) : 'reading';
    const self = clientId === selfClientId || id === selfUserId;
    const known = people.get(id);
    if (known) {
      known.devices += 1;
      if (rank(activity) < rank(known.activity)) known.activity = activity;
      known.self ||= self;
      continue;
    }
    people.set(id, {
      key: id,
      name: user.name.trim().slice(0, 120),
      color: '',
      activity,
      self,
      devices: 1,
    });
  }
  // Colours are assigned among the people present (not taken from the states), so no two look alike.
  const colors = assignColors(people.keys());
  for (const p of people.values()) p.color = colors.get(p.key) ?? '#616161';
  return [...people.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
