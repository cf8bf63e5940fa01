// Plain data, no zod: the tab's start form shows the default prompt without loading the schemas.

/** The muddiest-point prompt when the facilitator writes none (and the service's default). */
export const DEFAULT_MUDDY_PROMPT = 'What was the muddiest point of today?';

/** The default prompt in each language a class may be taught in; English is the fallback. */
export const MUDDY_PROMPTS: Readonly<Record<string, string>> = {
  en: DEFAULT_MUDDY_PROMPT,
  sv: 'Vad var det mest oklara i dag?',
};

/**
 * The default muddiest-point prompt in a class's language (a locale such as `sv-SE` or a language such as
 * `sv`), so a Swedish class is not asked in English.
 */
export function defaultMuddyPrompt(locale: string | null | undefined): string {
  const language = (locale ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return MUDDY_PROMPTS[language] ?? DEFAULT_MUDDY_PROMPT;
}
