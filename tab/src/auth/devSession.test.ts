import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/contract/limits';
import { loadDevSession, saveDevSession, type DevSession } from './devSession';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

const ada: DevSession = {
  tenantId: 'stoa-dev',
  userId: 'ada.lind',
  name: 'Ada Lind',
  intent: 'facilitator',
  token: 'tok',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const stored = (value: unknown) => {
  const storage = memoryStorage();
  storage.setItem('stoa.devSession', JSON.stringify(value));
  return loadDevSession(storage);
};

describe('dev session', () => {
  it('reads back what was saved, trimmed and without extra fields', () => {
    const storage = memoryStorage();
    saveDevSession(ada, storage);
    expect(loadDevSession(storage)).toEqual(ada);
    expect(stored({ ...ada, name: '  Ada Lind ', extra: 1 })).toEqual(ada);
  });

  it('forgets a session with a missing, empty, unknown or oversized field', () => {
    expect(stored({ ...ada, token: '' })).toBeNull();
    expect(stored({ ...ada, expiresAt: undefined })).toBeNull();
    expect(stored({ ...ada, intent: 'admin' })).toBeNull();
    expect(stored({ ...ada, userId: '   ' })).toBeNull();
    expect(stored({ ...ada, name: 'x'.repeat(LIMITS.displayNameMax + 1) })).toBeNull();
    expect(stored({ ...ada, tenantId: 7 })).toBeNull();
    expect(stored('not an object')).toBeNull();
    expect(loadDevSession(memoryStorage())).toBeNull();
  });
});
