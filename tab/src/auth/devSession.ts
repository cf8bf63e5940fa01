import { z } from 'zod';
import { LIMITS } from '../../../shared/contract/limits';

export const INTENTS = ['facilitator', 'student'] as const;
/** What the person means to do; it only shapes the UI, the service decides roles per class. */
export type Intent = (typeof INTENTS)[number];

const DevIdentitySchema = z.object({
  tenantId: z.string().trim().min(1).max(LIMITS.idMax),
  userId: z.string().trim().min(1).max(LIMITS.idMax),
  name: z.string().trim().min(1).max(LIMITS.displayNameMax),
  intent: z.enum(INTENTS),
});
export type DevIdentity = z.infer<typeof DevIdentitySchema>;

const DevSessionSchema = DevIdentitySchema.extend({ token: z.string().min(1), expiresAt: z.string() });
export type DevSession = z.infer<typeof DevSessionSchema>;

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
    const parsed = DevSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
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
