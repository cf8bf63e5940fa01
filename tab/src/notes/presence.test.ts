import { describe, expect, it } from 'vitest';
import { presentPeople } from './presence';

describe('presence list', () => {
  it('lists each person once with their most active state, the viewer first, then by name', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: 'ada', name: 'Ada Lind', color: '#0f6cbd' }, activity: 'editing' }],
      [2, { user: { id: 'cy', name: 'Cy Ek', color: '#c50f1f' }, activity: 'reading' }],
      [3, { user: { id: 'bo', name: 'Bo Berg', color: '#107c10' }, activity: 'away' }],
      [4, { user: { id: 'bo', name: 'Bo Berg', color: '#107c10' }, activity: 'commenting' }],
      [5, {}],
    ]);
    const people = presentPeople(states, 2, 'cy');
    expect(people.map((p) => [p.name, p.activity, p.self, p.devices])).toEqual([
      ['Cy Ek', 'reading', true, 1],
      ['Ada Lind', 'editing', false, 1],
      ['Bo Berg', 'commenting', false, 2],
    ]);
  });

  it('does not trust malformed states from other clients', () => {
    const states = new Map<number, Record<string, unknown>>([
      [7, { user: { name: 'Eve', color: 'url(javascript:x)' }, activity: 'hacking' }],
      [8, { user: { name: 42 } }],
      [9, { user: 'nope' }],
    ]);
    const [eve, ...rest] = presentPeople(states, 1, 'me');
    expect(rest).toEqual([]);
    expect(eve).toMatchObject({
      key: 'client:7',
      name: 'Eve',
      color: '#616161',
      activity: 'reading',
      self: false,
    });
  });
});
