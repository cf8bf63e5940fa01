import { en, type MessageKey, type Messages } from './en';

export type { MessageKey, Messages } from './en';

/**
 * Shipped catalogs. Add a language by adding `sv: sv` here with a `sv.ts` typed as `Messages`;
 * `resolveLanguage` picks it up from the Teams or browser locale with no other change.
 */
export const catalogs = { en } satisfies Record<string, Messages>;
export type Language = keyof typeof catalogs;
export const DEFAULT_LANGUAGE: Language = 'en';

/** Maps a locale such as `sv-SE` or `en-us` to a shipped language, falling back to English. */
export function resolveLanguage(locale: string | null | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return base in catalogs ? (base as Language) : DEFAULT_LANGUAGE;
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Builds `t(key, vars)` for a language; unknown placeholders are left visible so they get noticed. */
export function translator(language: Language): Translate {
  const messages: Messages = catalogs[language];
  return (key, vars) => {
    const text = messages[key] ?? en[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
