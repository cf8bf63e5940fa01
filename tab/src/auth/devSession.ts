import { LIMITS } from '../../../shared/contract/limits';

export const INTENTS = ['facilitator', 'student'] as const;
/** What the person means to do; it only shapes the UI, the service decides roles per class. */
export type Intent = (typeof INTENTS)[number];

export interface DevIdentity {
  tenantId: string;
  userId: string;
  name: string;
  intent: Intent;
}

export interface DevSession extends DevIdentity {
  token: string;
  expiresAt: string;
}

/** A trimmed string of 1..max characters, or undefined. */
function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v.length >= 1 && v.length <= max ? v : undefined;
}

/**
 * Reads a stored session, or null when anything is missing or out of bounds (checked by hand: zod would
 * be loaded on every page for this alone).
 */
function readDevSession(raw: unknown): DevSession | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const tenantId = text(r.tenantId, LIMITS.idMax);
  const userId = text(r.userId, LIMITS.idMax);
  const name = text(r.name, LIMITS.displayNameMax);
  const intent = INTENTS.find((i) => i === r.intent);
  const { token, expiresAt } = r;
  if (!tenantId || !userId || !name || !intent) return null;
  if (typeof token !== 'string' || token.length === 0 || typeof expiresAt !== 'string') return null;
  return { tenantId, userId, name, intent, token, expiresAt };
}

/** Ready-made people for trying Stoa alone in two browser windows. */
export const DEV_PRESETS: readonly DevIdentity[] = [
  { tenantId: 'stoa-dev', userId: 'ada.lind', name: 'Ada Lind', intent: 'facilitator' },
  { tenantId: 'stoa-dev', userId: 'bo.berg', name: 'Bo Berg', intent: 'student' },
  { tenantId: 'stoa-dev', userId: 'chen.wei', name: 'Chen Wei', intent: 'student' },
  { tenantId: 'stoa-dev-2', userId: 'dara.okafor', name: 'Dara Okafor', intent: 'facilitator' },
];

const STORAGE_KEY = 'stoa.devSession';

/** A user id from a display name ("Åsa Ek" → "asa.ek"), so typing a name is enough to sign in. */
export function userIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return slug || 'user';
}

/** The dev session kept for this browser tab, or null when absent or unreadable. */
export function loadDevSession(storage: Storage = sessionStorage): DevSession | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    return readDevSession(JSON.parse(raw));
  } catch {
    return null; // storage disabled or corrupt JSON: sign in again
  }
}

/** Keeps the session in sessionStorage so a reload stays signed in but a new tab can be someone else. */
export function saveDevSession(session: DevSession, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // storage full or blocked (private mode in some browsers): the session lives in memory only
  }
}

/** Forgets the dev session. */
export function clearDevSession(storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}
