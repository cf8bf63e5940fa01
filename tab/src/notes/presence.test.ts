import { describe, expect, it } from 'vitest';
import { USER_COLORS, assignColors } from './identity';
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
      activity: 'reading',
      self: false,
    });
    expect(eve?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('gives the people present distinct colours while there are no more of them than colours', () => {
    for (let trial = 0; trial < 50; trial++) {
      const ids = Array.from({ length: USER_COLORS.length }, (_, i) => `user-${trial}-${i * 7919}`);
      const colors = assignColors(ids);
      expect(new Set(colors.values()).size).toBe(ids.length);
    }
  });

  it('gives the same colours on every client, whatever order the states arrive in', () => {
    const ids = ['ada', 'bo', 'cy', 'dee', 'eve'];
    expect([...assignColors([...ids].reverse())].sort()).toEqual([...assignColors(ids)].sort());
  });

  it('shows two people whose own colours collide in different colours in the list', () => {
    // Find two ids whose preferred colours are the same.
    const first = assignColors(['p-0']).get('p-0');
    const twin = Array.from({ length: 500 }, (_, i) => `p-${i + 1}`).find(
      (id) => assignColors([id]).get(id) === first,
    )!;
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { id: 'p-0', name: 'A', color: first } }],
      [2, { user: { id: twin, name: 'B', color: first } }],
    ]);
    const [a, b] = presentPeople(states, 1, 'p-0');
    expect(a!.color).not.toBe(b!.color);
  });
});
