import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { TeamsHost, TeamsThemeName } from '../teams/teamsHost';

/** Fluent theme for each Teams theme name. */
export const FLUENT_THEMES: Record<TeamsThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** Outside Teams: the OS settings decide (forced colours win over dark mode). */
export function browserThemeName(win: Window = window): TeamsThemeName {
  const query = (q: string) => (typeof win.matchMedia === 'function' ? win.matchMedia(q).matches : false);
  if (query('(forced-colors: active)')) return 'contrast';
  if (query('(prefers-color-scheme: dark)')) return 'dark';
  return 'default';
}

/** The theme to render: Teams' theme and its changes inside Teams, the OS preference elsewhere. */
export function useThemeName(host: TeamsHost | null | undefined): TeamsThemeName {
  const [name, setName] = useState<TeamsThemeName>(() => host?.info.theme ?? browserThemeName());
  useEffect(() => {
    if (host) {
      setName(host.info.theme);
      host.onThemeChange(setName);
      return;
    }
    if (host === undefined || typeof window.matchMedia !== 'function') return; // still detecting
    const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)'].map((q) =>
      window.matchMedia(q),
    );
    const handleChange = () => setName(browserThemeName());
    handleChange();
    for (const q of queries) q.addEventListener('change', handleChange);
    return () => {
      for (const q of queries) q.removeEventListener('change', handleChange);
    };
  }, [host]);
  return name;
}
