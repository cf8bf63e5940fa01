import { toThemeName, type TeamsThemeName } from '../teams/teamsHost';

const STORAGE_KEY = 'stoa.previewTheme';

/**
 * Outside Teams, `?theme=default|dark|contrast` shows the tab in that Teams theme for the rest of the
 * browser tab's session (kept in sessionStorage, so in-app navigation keeps it), to preview and test each
 * theme without Teams. `?theme=auto` goes back to following the OS. Inside Teams, Teams' theme always wins.
 */
export function previewTheme(search: string, storage: Storage = sessionStorage): TeamsThemeName | null {
  const asked = new URLSearchParams(search).get('theme');
  try {
    if (asked === 'auto') storage.removeItem(STORAGE_KEY);
    else if (asked) storage.setItem(STORAGE_KEY, toThemeName(asked));
    const kept = storage.getItem(STORAGE_KEY);
    return kept ? toThemeName(kept) : null;
  } catch {
    return asked && asked !== 'auto' ? toThemeName(asked) : null; // storage blocked: this page only
  }
}
