// Plain data, no zod: the tab's start form shows the default prompt without loading the schemas.

export const DEFAULT_MUDDY_PROMPT = 'What was the muddiest point of today?';
