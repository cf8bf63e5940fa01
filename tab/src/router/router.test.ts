import { describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';
import { matchRoute, pathWith } from './router';

describe('router', () => {
  it('matches every manifest route, with or without a trailing slash', () => {
    for (const [name, path] of Object.entries(TAB_ROUTES)) {
      expect(matchRoute(path)).toBe(name);
      expect(matchRoute(`${path}/`)).toBe(name);
    }
  });

  it('treats the root as home and anything else as not found', () => {
    expect(matchRoute('/')).toBe('home');
    expect(matchRoute('/index.html')).toBe('home');
    expect(matchRoute('/tab/nope')).toBe('notFound');
  });

  it('builds query strings without empty values', () => {
    expect(pathWith(TAB_ROUTES.channel, { classId: 'c 1', x: undefined })).toBe('/tab/class?classId=c+1');
    expect(pathWith('/')).toBe('/');
  });
});
