import { en, type MessageKey, type Messages } from './en';

export type { MessageKey, Messages } from './en';

/**
 * Shipped languages. English is bundled (it is also every other language's fallback); the others are
 * their own chunks, fetched when a person's locale needs them, so English readers do not download them.
 * Add a language with a `<lang>.ts` typed as `Messages` and a loader here; `resolveLanguage` picks it up.
 */
const LOADERS = {
  en: async () => en,
  sv: async () => (await import('./sv')).sv,
} satisfies Record<string, () => Promise<Messages>>;

export type Language = keyof typeof LOADERS;
export const LANGUAGES = Object.keys(LOADERS) as Language[];
export const DEFAULT_LANGUAGE: Language = 'en';

const loaded: Partial<Record<Language, Messages>> = { en };

/** Maps a locale such as `sv-SE` or `en-us` to a shipped language, falling back to English. */
export function resolveLanguage(locale: string | null | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return base in LOADERS ? (base as Language) : DEFAULT_LANGUAGE;
}

/** Whether a language's strings are here (English always is). */
export function isLanguageLoaded(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** Fetches a language's strings once; until then `translator` answers in English. */
export async function loadLanguage(language: Language): Promise<Messages> {
  return (loaded[language] ??= await LOADERS[language]());
}

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Builds `t(key, vars)` for a language; unknown placeholders are left visible so they get noticed. */
export function translator(language: Language): Translate {
  const messages: Messages = loaded[language] ?? en;
  return (key, vars) => {
    const text = messages[key] ?? en[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
